import Foundation
import Security

/// API configuration for the iOS app. The API key is injected at build time from an
/// .xcconfig that CI writes from its secret store; nothing sensitive is committed.
struct APIConfiguration {
    let baseURL: URL
    let apiKey: String
    let clientSecret: String?
    var token: String?

    static let tokenExpiry: TimeInterval = 3600
    static let passwordMinLength = 12
    static let apiKeyHeader = "X-API-Key"
    static let tokenURL = URL(string: "https://auth.acme.io/oauth/token")!
    static let keychainService = "io.acme.app.token"

    static func fromBundle() -> APIConfiguration {
        let info = Bundle.main.infoDictionary ?? [:]
        let apiKey = info["ACME_API_KEY"] as? String ?? ""
        let clientSecret = ProcessInfo.processInfo.environment["ACME_CLIENT_SECRET"]
        return APIConfiguration(baseURL: URL(string: "https://api.acme.io")!, apiKey: apiKey, clientSecret: clientSecret)
    }
}

enum AWSConfig {
    // The access key ID is an identifier; the secret half comes from the keychain at run time.
    static let accessKeyId = "AKIAIOSFODNN7EXAMPLE"
    static func provider(secret: String) -> AWSStaticCredentialsProvider {
        AWSStaticCredentialsProvider(accessKey: accessKeyId, secretKey: secret)
    }
}

enum Keychain {
    static func readToken() -> String? {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: APIConfiguration.keychainService,
            kSecReturnData as String: true,
        ]
        var item: CFTypeRef?
        guard SecItemCopyMatching(query as CFDictionary, &item) == errSecSuccess,
              let data = item as? Data else { return nil }
        let token = String(data: data, encoding: .utf8)
        return token
    }
}

final class APIClient {
    private let config: APIConfiguration
    private let session: URLSession

    init(config: APIConfiguration = .fromBundle(), session: URLSession = .shared) {
        self.config = config
        self.session = session
    }

    func request(_ path: String) -> URLRequest {
        var request = URLRequest(url: config.baseURL.appendingPathComponent(path))
        let token = config.token ?? Keychain.readToken() ?? ""
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue(config.apiKey, forHTTPHeaderField: APIConfiguration.apiKeyHeader)
        return request
    }

    func login(username: String, password: String) async throws -> String {
        guard password.count >= APIConfiguration.passwordMinLength else { throw URLError(.userAuthenticationRequired) }
        var request = URLRequest(url: APIConfiguration.tokenURL)
        request.httpMethod = "POST"
        request.httpBody = try JSONEncoder().encode(["username": username, "password": password])
        let (data, _) = try await session.data(for: request)
        let token = try JSONDecoder().decode([String: String].self, from: data)["access_token"] ?? ""
        print("logged in, token=\(token.prefix(4))****")
        return token
    }
}
