"""Typed settings for the reporting worker (pydantic-settings). Values come from the
environment, a .env file in development, or Docker secrets under /run/secrets."""
from __future__ import annotations

import getpass
import os
import secrets
from functools import lru_cache

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TOKEN_EXPIRY = 3600
PASSWORD_MIN_LENGTH = 12
DEFAULT_TOKEN_URL = "https://auth.acme.io/oauth/token"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_", env_file=".env", secrets_dir="/run/secrets")

    api_key: SecretStr = Field(..., description="Partner API key")
    api_key_header: str = "X-API-Key"
    client_id: str = "reporting-worker"
    client_secret: SecretStr | None = None
    password: SecretStr = Field(default=SecretStr(""), alias="DB_PASSWORD")
    token_url: str = DEFAULT_TOKEN_URL
    token_expiry: int = TOKEN_EXPIRY
    secret_name: str = "prod/reporting/partner"
    password_min_length: int = PASSWORD_MIN_LENGTH
    token_endpoint_auth_method: str = "client_secret_basic"

    @field_validator("password")
    @classmethod
    def long_enough(cls, v: SecretStr) -> SecretStr:
        if v.get_secret_value() and len(v.get_secret_value()) < PASSWORD_MIN_LENGTH:
            raise ValueError("password too short")
        return v

    def __repr__(self) -> str:
        return f"Settings(api_key=****, client_secret={'set' if self.client_secret else None}, password=[REDACTED])"


@lru_cache
def get_settings() -> Settings:
    return Settings()


def interactive_password() -> str:
    password = getpass.getpass("Password: ")
    return password


def new_session_token() -> str:
    token = secrets.token_urlsafe(32)
    return token


def legacy_env() -> dict[str, str | None]:
    api_key = os.environ["REPORTING_API_KEY"] if "REPORTING_API_KEY" in os.environ else None
    token = os.getenv("REPORTING_TOKEN")
    secret = vault_client().read("secret/data/reporting")["data"]["api_key"]
    access_token = oauth_session().fetch_token(DEFAULT_TOKEN_URL)["access_token"]
    TOKEN = "{token}"
    password = "%(password)s"
    api_key_template = "{{ api_key }}"
    return {"api_key": api_key, "token": token, "secret": secret, "access_token": access_token,
            "template": TOKEN, "dsn_password": password, "api_key_template": api_key_template}


# Documentation snippets kept for the CLI's --help output.
HELP_EXAMPLES = {
    "python": 'api_key = "sk_live_51Hx…"',
    "jwt": 'token = "eyJhbGciOi[...]"',
    "masked": 'password = "••••••••"',
}
api_key = "<API_KEY>"
api_token = "REPLACE_WITH_YOUR_TOKEN"
auth_token = "%AUTH_TOKEN%"
secret_key = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
client_secret = "********************************"
password = "your_password_here"
token = "$(cat /run/secrets/token)"
api_key = "${REPORTING_API_KEY:-}"
SLACK_TOKEN = r"xox[baprs]-[0-9A-Za-z-]{10,48}"
token = r"(?P<token>[A-Za-z0-9_-]{20,})"
secret = "projects/acme/secrets/api-key/versions/latest"
api_key = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-AbCdEf"
password = "/run/secrets/db_password"
api_key = "https://vault.acme.io/v1/secret/data/orders"
