package io.acme.orders.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;

/**
 * Talks to the partner inventory API. Credentials are injected by Spring from the environment
 * ({@code ${PARTNER_API_KEY}}) or read from AWS at start-up; none are compiled in.
 */
@Service
public class PartnerInventoryService {

    private static final String API_KEY_HEADER = "X-API-Key";
    private static final String TOKEN_URL = "https://auth.partner.internal/oauth2/token";
    private static final String SECRET_ID = "prod/orders/partner-inventory";
    private static final int PASSWORD_MIN_LENGTH = 12;
    private static final Duration TOKEN_EXPIRY = Duration.ofHours(1);
    private static final String PASSWORD_PARAMETER = "/prod/orders/db/password";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiKey;
    private final String clientSecret;
    private final String password;
    private String token;

    public PartnerInventoryService(
            @Value("${partner.api-key}") String apiKey,
            @Value("${partner.client-secret:}") String clientSecret,
            SsmClient ssm) {
        this.apiKey = Objects.requireNonNull(apiKey, "partner.api-key");
        this.clientSecret = clientSecret.isEmpty() ? System.getenv("PARTNER_CLIENT_SECRET") : clientSecret;
        this.password = ssm.getParameter(GetParameterRequest.builder()
                .name(PASSWORD_PARAMETER).withDecryption(true).build()).parameter().value();
    }

    static String loadSigningSecret(SecretsManagerClient sm) {
        String secret = sm.getSecretValue(GetSecretValueRequest.builder().secretId(SECRET_ID).build()).secretString();
        return secret;
    }

    String basicAuthHeader(String user, String password) {
        String credentials = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes());
    }

    public String stock(String sku) throws Exception {
        if (token == null) {
            token = fetchToken();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.partner.internal/v2/stock/" + sku))
                .header("Authorization", "Bearer " + token)
                .header(API_KEY_HEADER, apiKey)
                .timeout(TOKEN_EXPIRY)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String fetchToken() throws Exception {
        String form = "grant_type=client_credentials&client_id=orders-service&client_secret=" + clientSecret;
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        String accessToken = Json.read(body, "$.access_token");
        return accessToken;
    }

    @Override
    public String toString() {
        return "PartnerInventoryService{apiKey=****, password=[REDACTED]}";
    }
}
    String trustStorePassword = "changeit";
