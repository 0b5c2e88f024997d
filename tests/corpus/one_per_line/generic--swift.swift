let apiKey = "xqxfXrerrPZtP842hceyfB5x"
    private let authToken = "TkGoveljksczbvz6k90beEVheT4zGxGhstJvow"
    var password = "r3#Id8PUK6"
let config = PartnerConfig(apiKey: "zThwo4SlpG0Y4dktQ6aTi5FdIW7g4S8d", region: .euWest1)
let credential = URLCredential(user: "svc", password: "Velvet2022#f", persistence: .forSession)
    static let secretKey = "sGQ9ZEWkU07Vpjt6SzIwmFZlCG8Hy2"
        accessToken: "KzoYsYwN6KOX7AJET8G3dcKjORz5mj",
    let signingKey = "YFIQ2e1HbQjuEkQbcWkwT" // HMAC
    let dbPassword = "e1*Mm6rlG8"
struct Env { static let apiToken = "0EkjKWREhbiGjlvhkTp3" }
Purchases.configure(withAPIKey: "QOo6Cd6rvau5kHvRwMzzuVtYkwMJFrCfZ4U2Eq")
    private var refreshToken = "Nk6sEr6f4gUy0BQ8DEoFogNCA"
    let secret = "3Ao3pxTnHyf6t5YdIngBaVbVJBMQKnY8qS0BF"
let credentials = ["username": "svc", "password": "RtjVmd4xI0"]
