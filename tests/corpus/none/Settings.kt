package io.acme.mobile.config

import android.content.Context
import androidx.security.crypto.EncryptedSharedPreferences
import androidx.security.crypto.MasterKey

// BuildConfig fields are generated from gradle properties that CI fills from its secret store.
data class ApiSettings(
    val baseUrl: String,
    val apiKey: String,
    val clientSecret: String?,
    val password: CharArray = CharArray(0),
    val token: String? = null,
)

object Settings {
    const val TOKEN_EXPIRY_SECONDS = 3600
    const val PASSWORD_MIN_LENGTH = 12
    const val TOKEN_PREF_KEY = "session_token"
    const val API_KEY_HEADER = "X-API-Key"
    private const val PREFS_FILE = "secure_prefs"

    fun fromBuildConfig(): ApiSettings = ApiSettings(
        baseUrl = BuildConfig.API_BASE_URL,
        apiKey = BuildConfig.ACME_API_KEY,
        clientSecret = System.getenv("ACME_CLIENT_SECRET"),
    )

    fun storedToken(context: Context): String? {
        val masterKey = MasterKey.Builder(context).setKeyScheme(MasterKey.KeyScheme.AES256_GCM).build()
        val prefs = EncryptedSharedPreferences.create(
            context, PREFS_FILE, masterKey,
            EncryptedSharedPreferences.PrefKeyEncryptionScheme.AES256_SIV,
            EncryptedSharedPreferences.PrefValueEncryptionScheme.AES256_GCM,
        )
        val token = prefs.getString(TOKEN_PREF_KEY, null)
        return token
    }

    fun authHeader(token: String) = "Bearer $token"
    fun describe(s: ApiSettings) = "ApiSettings(baseUrl=${s.baseUrl}, apiKey=****, token=${s.token?.take(4)}...)"
}
        .header("X-Api-Key", BuildConfig.S3_API_KEY)
