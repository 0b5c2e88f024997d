"""Django settings for a service that loads every secret at run time."""
import os
from pathlib import Path

import boto3
from google.cloud import secretmanager

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.getenv("DEBUG", "false") == "true"
API_KEY = os.environ.get("SOCIALEYE_API_KEY")
api_key = os.getenv("PEAKMETRICS_API_KEY", "")
client_secret = os.environ.get("OAUTH_CLIENT_SECRET")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
token = get_secret("socialeye_api_key")
password = None
password = ""
db_password = config("DB_PASSWORD", default="")
AUTH_TOKEN = settings.AUTH_TOKEN
ACCESS_TOKEN_LIFETIME = 3600
token_url = "https://auth.audexum.com/oauth/token"
TOKEN_ENDPOINT = "https://auth.example.test/oauth2/v1/token"
secret_name = "prod/payments/stripe"
SECRET_MANAGER_PROJECT = "projects/123456789012/secrets/api-key/versions/latest"
password_validators = ["django.contrib.auth.password_validation.MinimumLengthValidator"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
token_type = "Bearer"
TOKEN_TYPE_HINT = "refresh_token"


def client():
    sm = secretmanager.SecretManagerServiceClient()
    name = f"projects/{PROJECT}/secrets/api-key/versions/latest"
    api_key = sm.access_secret_version(name=name).payload.data.decode()
    ssm = boto3.client("ssm")
    password = ssm.get_parameter(Name="/prod/db/password", WithDecryption=True)["Parameter"]["Value"]
    secret = boto3.client("secretsmanager").get_secret_value(SecretId="prod/api")["SecretString"]
    headers = {"Authorization": f"Bearer {api_key}", "X-API-Key": api_key}
    headers = {"Authorization": "Bearer " + token}
    return requests.get(URL, headers=headers, auth=("user", password))


def login(username, password):
    if not password:
        raise ValueError("password required")
    token = tokens[0]
    next_token = response.get("nextToken")
    secret = hmac.new(key, msg, hashlib.sha256).hexdigest()
    return authenticate(username=username, password=password)
