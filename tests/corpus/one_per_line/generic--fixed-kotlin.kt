data class Creds(val user: String = "svc", val secret: String = "2q5iG8MJ3qESjgPkzB7l9ZC0arV8kw")
    private val secretKey: String = "9bILBaEXHi2LMMXVM5wLwPQ"
buildConfigField("String", "API_KEY", "\"gUPl9HFlEnXd5Jk3qpd8rAbsqre\"")
val props = mapOf("password" to "ntShg0Pjt2Y")
val signingKey by lazy { "TyIhShhBJCnS7aF6kNxZ3bKcPKBmiadl4" }
    var sessionToken: String? = "TgALwg1fRqWU4UIQb872"
    val encryptionKey = """yHFiF2t4Hm7yOIB1zVgb0L4PZ"""
