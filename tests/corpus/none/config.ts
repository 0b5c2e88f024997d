// Runtime configuration: every credential comes from the environment.
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";

export interface Credentials {
  apiKey: string;
  password: string;
  token?: string;
  clientSecret: string | undefined;
}

export const config = {
  apiKey: process.env.API_KEY,
  clientSecret: process.env.OAUTH_CLIENT_SECRET,
  token: process.env.GITHUB_TOKEN ?? "",
  password: process.env.DB_PASSWORD || "",
  stripeKey: import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY,
  secret: Deno.env.get("APP_SECRET"),
  tokenUrl: "https://auth.example.test/oauth/token",
  tokenExpiry: 3600,
};

export async function headers(token: string): Promise<Record<string, string>> {
  return {
    Authorization: `Bearer ${token}`,
    "X-API-Key": config.apiKey!,
    "Content-Type": "application/json",
  };
}

const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: "prod/api" }));
const password = secret.SecretString;
const apiKey = apiKeyFromVault;
const token = req.headers.authorization?.replace("Bearer ", "");
const { accessToken, refreshToken } = await oauth.refresh(refreshTokenValue);
const passwordInput = document.querySelector('input[type="password"]');
const tokenizer = new Tokenizer({ model: "bert-base-multilingual-cased" });
const SECRET_KEY_LENGTH = 32;
axios.defaults.headers.common["Authorization"] = "Bearer " + localStorage.getItem("token");
fetch("/api", { headers: { Authorization: "Bearer <token>" } });
