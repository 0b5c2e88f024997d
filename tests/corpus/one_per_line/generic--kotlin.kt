const val API_KEY = "5XPSPhJiCD2J8akQQqItVmu1pKHXpmizjw3oDR"
    val apiToken = "Oymwx7edpxucUtdIin1JE7TqjWB"
    var password = "glacier-Cactus28#"
val client = PartnerClient(apiKey = "CIQkcDjDTzZMsTNrrStgur1W89", region = "eu-west-1")
    override val authToken = "1IKVlgL5PUfZhdB6xyte"
val ds = HikariDataSource().apply { username = "orders"; password = "k3!Er4rGc4" }
    val refreshToken = "Jq1q7HmA6CPQDRvWdxDzXm2F" // TODO remove
extra["signingKey"] = "LEBbyit8Qjc29NUGNnHqV6wn1IHBcGSGb0rDpI"
    val dbPassword = "h7*Vy6OzM6"
    private val API_SECRET = "cgMweeV1BkUFmg7OqqNH"
val dataSource = DriverManagerDataSource(url = "jdbc:postgresql://db/orders", username = "orders", password = "Cactus2018*k")
    @JvmField val MASTER_KEY = "xX8qJQlbyqLcRhGEI88N1BkSecRBBppy"
PartnerSdk.init(context, apiSecret = "OLzTENa1H56e1MhioydFltEEWKipsbjQl")
            storePassword = "r7*Bm6Sph9"
            keyPassword = "Lantern2025#e"
    credentials { username = "ci-publisher"; password = "Granite&872orbit" }
