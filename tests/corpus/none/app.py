"""Billing gateway: a small Flask app that talks to the payments provider.

Every credential is loaded at start-up from the environment or from AWS Secrets Manager;
nothing sensitive lives in this file. See docs/secrets.md for the rotation runbook.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass, field
from typing import Optional

import boto3
import requests
from flask import Flask, abort, jsonify, request

log = logging.getLogger("billing")

TOKEN_EXPIRY = 3600
REFRESH_TOKEN_TTL_DAYS = 30
PASSWORD_MIN_LENGTH = 12
password_min_length = 12
MAX_TOKEN_AGE = 15 * 60
API_KEY_HEADER = "X-API-Key"
token_url = "https://auth.payments.internal/oauth2/token"
TOKEN_ENDPOINT = "https://auth.payments.internal/oauth2/v1/token"
secret_name = "prod/billing/payments-api"
SECRET_ARN_PREFIX = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:"
token_type = "Bearer"
password_reset_template = "emails/password_reset.html"
secret_rotation_lambda = "rotate-billing-secrets"


@dataclass
class ProviderCredentials:
    api_key: str
    webhook_secret: str
    client_secret: Optional[str] = None
    password: str = field(repr=False, default="")
    token: "AccessToken | None" = None


def load_credentials() -> ProviderCredentials:
    sm = boto3.client("secretsmanager", region_name=os.environ.get("AWS_REGION", "eu-central-1"))
    raw = sm.get_secret_value(SecretId=secret_name)["SecretString"]
    doc = json.loads(raw)
    api_key = doc["api_key"]
    webhook_secret = doc.get("webhook_secret") or os.environ["PAYMENTS_WEBHOOK_SECRET"]
    client_secret = os.getenv("PAYMENTS_CLIENT_SECRET")
    password = os.environ.get("PAYMENTS_DB_PASSWORD", "")
    return ProviderCredentials(api_key=api_key, webhook_secret=webhook_secret,
                               client_secret=client_secret, password=password)


def fetch_token(creds: ProviderCredentials) -> str:
    resp = requests.post(
        token_url,
        data={"grant_type": "client_credentials", "client_id": "billing-gw",
              "client_secret": creds.client_secret},
        timeout=10,
    )
    resp.raise_for_status()
    access_token = resp.json()["access_token"]
    log.info("fetched token expires_in=%s token=%s", resp.json()["expires_in"], "****")
    return access_token


def verify_signature(payload: bytes, signature: str, secret: str) -> bool:
    expected = hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["FLASK_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True
CREDS = load_credentials()


@app.post("/webhooks/payments")
def webhook():
    signature = request.headers.get("X-Signature", "")
    if not verify_signature(request.get_data(), signature, CREDS.webhook_secret):
        abort(401)
    return jsonify(ok=True)


@app.get("/charges/<charge_id>")
def charge(charge_id: str):
    api_key = request.headers.get(API_KEY_HEADER)
    if api_key != CREDS.api_key:
        abort(403)
    token = fetch_token(CREDS)
    headers = {"Authorization": f"Bearer {token}", "X-API-Key": CREDS.api_key}
    r = requests.get(f"https://api.payments.internal/v1/charges/{charge_id}", headers=headers)
    return jsonify(r.json())


if __name__ == "__main__":
    app.run(port=int(os.getenv("PORT", "8080")))
headers = {"X-API-Key": self.config2.api_key}
