// Typed SDK client. Nothing here is a credential: fields are types, values are references.
import type { AxiosInstance } from "axios";
import axios from "axios";

export type Token = string & { readonly __brand: "Token" };

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  apiSecret?: string;
  password: string;
  token: Token;
  clientSecret: string | undefined;
  accessToken?: string | null;
  refreshToken: () => Promise<Token>;
  secretKey: Uint8Array;
}

export interface Session {
  token: Token;
  expiresAt: Date;
  tokenType: "Bearer";
}

const DEFAULT_TOKEN_TTL = 3_600;
const SECRET_KEY_LENGTH = 32;
export const TOKEN_STORAGE_KEY = "acme.session.token";
export const PASSWORD_PATTERN = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{12,}$/;

export class AcmeClient {
  private readonly http: AxiosInstance;
  private token: Token | null = null;
  private readonly apiKey: string;
  private readonly password: string;

  constructor(private readonly options: ClientOptions) {
    this.apiKey = options.apiKey;
    this.password = options.password;
    this.http = axios.create({
      baseURL: options.baseUrl,
      headers: { "X-API-Key": options.apiKey, "Content-Type": "application/json" },
    });
  }

  static fromEnv(): AcmeClient {
    return new AcmeClient({
      baseUrl: import.meta.env.VITE_ACME_BASE_URL,
      apiKey: import.meta.env.VITE_ACME_API_KEY,
      apiSecret: process.env.ACME_API_SECRET,
      password: process.env.ACME_PASSWORD ?? "",
      token: "" as Token,
      clientSecret: process.env.ACME_CLIENT_SECRET,
      refreshToken: async () => (await fetchToken()) as Token,
      secretKey: new Uint8Array(SECRET_KEY_LENGTH),
    });
  }

  async request<T>(path: string): Promise<T> {
    if (!this.token) {
      this.token = await this.options.refreshToken();
    }
    const res = await this.http.get<T>(path, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    return res.data;
  }

  toJSON() {
    return { baseUrl: this.options.baseUrl, apiKey: "****", password: "[REDACTED]" };
  }
}

async function fetchToken(): Promise<string> {
  const res = await fetch("/api/session", { method: "POST", credentials: "include" });
  const { token }: { token: string } = await res.json();
  return token;
}

export const passwordField = { type: "password", name: "password", autoComplete: "current-password" };
export const apiKeyLabel = "API key";
