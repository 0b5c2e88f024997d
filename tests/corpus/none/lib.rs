//! Client for the metrics ingestion API. Credentials are read from the environment or from a
//! file mounted by the orchestrator; `Debug` output never shows them.

use std::env;
use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};

pub const TOKEN_EXPIRY: Duration = Duration::from_secs(3600);
pub const PASSWORD_MIN_LENGTH: usize = 12;
pub const API_KEY_HEADER: &str = "x-api-key";
pub const TOKEN_URL: &str = "https://auth.metrics.internal/oauth2/token";
const SECRET_FILE: &str = "/run/secrets/metrics_api_key";

pub struct Credentials {
    pub api_key: SecretString,
    pub client_secret: Option<SecretString>,
    pub password: SecretString,
    pub token: Option<Token>,
}

#[derive(Clone)]
pub struct Token(String);

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &"****")
            .field("password", &"[REDACTED]")
            .finish()
    }
}

impl Credentials {
    pub fn from_env() -> Result<Self, env::VarError> {
        let api_key = match env::var("METRICS_API_KEY") {
            Ok(key) => key,
            Err(_) => std::fs::read_to_string(SECRET_FILE).unwrap_or_default(),
        };
        let client_secret = env::var("METRICS_CLIENT_SECRET").ok().map(SecretString::from);
        let password = std::env::var("METRICS_DB_PASSWORD")?;
        Ok(Credentials {
            api_key: SecretString::from(api_key),
            client_secret,
            password: SecretString::from(password),
            token: None,
        })
    }

    pub fn headers(&self, token: &Token) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let bearer = format!("Bearer {}", token.0);
        headers.insert(AUTHORIZATION, HeaderValue::from_str(&bearer).expect("ascii token"));
        headers.insert(API_KEY_HEADER, HeaderValue::from_str(self.api_key.expose_secret()).unwrap());
        headers
    }
}

pub async fn fetch_token(creds: &Credentials, http: &reqwest::Client) -> reqwest::Result<Token> {
    let client_secret = creds.client_secret.as_ref().map(|s| s.expose_secret().to_owned()).unwrap_or_default();
    let form = [("grant_type", "client_credentials"), ("client_id", "metrics-agent"), ("client_secret", client_secret.as_str())];
    let body: serde_json::Value = http.post(TOKEN_URL).form(&form).send().await?.json().await?;
    let token = body["access_token"].as_str().unwrap_or_default().to_owned();
    Ok(Token(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets() {
        let creds = Credentials {
            api_key: SecretString::from("test-api-key"),
            client_secret: None,
            password: SecretString::from("changeme"),
            token: None,
        };
        let shown = format!("{creds:?}");
        assert!(shown.contains("api_key: \"****\""));
        assert!(!shown.contains("changeme"));
    }
}
