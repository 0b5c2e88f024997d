import java.util.Properties

plugins {
    id("com.android.application") version "8.5.0"
    kotlin("android") version "2.0.0"
    `maven-publish`
}

// Secrets come from local.properties (git-ignored) on laptops and from environment variables on CI.
val localProps = Properties().apply {
    val f = rootProject.file("local.properties")
    if (f.exists()) f.inputStream().use { load(it) }
}
fun secret(name: String): String = System.getenv(name) ?: localProps.getProperty(name) ?: ""

android {
    namespace = "io.acme.app"
    compileSdk = 34
    defaultConfig {
        applicationId = "io.acme.app"
        minSdk = 26
        buildConfigField("String", "ACME_API_KEY", "\"${secret("ACME_API_KEY")}\"")
        buildConfigField("String", "API_BASE_URL", "\"https://api.acme.io\"")
        buildConfigField("int", "TOKEN_EXPIRY_SECONDS", "3600")
    }
    signingConfigs {
        create("release") {
            storeFile = file(System.getenv("ANDROID_KEYSTORE_PATH") ?: "release.jks")
            storePassword = System.getenv("ANDROID_KEYSTORE_PASSWORD")
            keyAlias = "acme-release"
            keyPassword = providers.environmentVariable("ANDROID_KEY_PASSWORD").orNull
        }
    }
    buildTypes {
        release {
            signingConfig = signingConfigs.getByName("release")
        }
    }
}

publishing {
    repositories {
        maven {
            name = "GitHubPackages"
            url = uri("https://maven.pkg.github.com/acme/app")
            credentials {
                username = System.getenv("GITHUB_ACTOR")
                password = System.getenv("GITHUB_TOKEN")
            }
        }
        maven {
            name = "nexus"
            url = uri("https://nexus.acme.io/repository/releases/")
            credentials(PasswordCredentials::class)
        }
    }
}

dependencies {
    implementation("com.squareup.okhttp3:okhttp:4.12.0")
    implementation("androidx.security:security-crypto:1.1.0-alpha06")
    testImplementation("junit:junit:4.13.2")
}
