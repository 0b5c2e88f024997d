"""Shared pytest fixtures. Every credential here is fake and points at local stubs."""
import pytest

from billing.app import ProviderCredentials

FAKE_API_KEY = "test-api-key"
FAKE_TOKEN = "fake-token"
DUMMY_PASSWORD = "dummy-password"
STRIPE_TEST_KEY = "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx"


@pytest.fixture
def creds() -> ProviderCredentials:
    return ProviderCredentials(
        api_key="test_api_key",
        webhook_secret="dummy-webhook-secret",
        client_secret="YOUR_CLIENT_SECRET",
        password="changeme",
    )


@pytest.fixture
def user(db):
    return db.create_user(username="alice", password="password123", email="alice@example.com")


@pytest.fixture
def admin(db):
    return db.create_user(username="admin", password="admin", is_staff=True)


@pytest.fixture
def headers():
    return {
        "Authorization": "Bearer <token>",
        "X-API-Key": "YOUR_API_KEY",
    }


def test_login_rejects_short_password(client):
    resp = client.post("/login", json={"username": "bob", "password": ""})
    assert resp.status_code == 400


def test_token_is_masked_in_logs(caplog, client):
    client.get("/charges/ch_1", headers={"X-API-Key": "test-api-key"})
    assert "api_key=****" in caplog.text
    assert "token=[REDACTED]" in caplog.text


def test_env_lookup(monkeypatch):
    monkeypatch.setenv("PAYMENTS_CLIENT_SECRET", "example-client-secret")
    monkeypatch.setenv("PAYMENTS_DB_PASSWORD", "example")
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)


DATABASE_URL = "postgresql://postgres:postgres@localhost:5432/billing_test"
REDIS_URL = "redis://localhost:6379/15"
AMQP_URL = "amqp://guest:guest@localhost:5672//"
token = "fake-token-123"
api_key = "not-a-real-key-0000"
password = "hunter2"
password = "s3cret"
hashed = {"password": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQxMjM0$Rw9Kq2Lm8XzT4vBn1YcP6sWd3HfJ0aGe5uI7oR"}
unusable = {"password": "!Xk3pQ9wL2mZ7vR4tN8yB1cH6jD0sF5gA3eK9uW2"}
{"NextToken": "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="}
{"NextContinuationToken": "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="}
{"continuationToken": "eyJvZmZzZXQiOjEwMH0="}
{"syncToken": "CPDAlvWDx70CEPDAlvWDx70CGAU="}
{"nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA2dmZqaXQSAggB"}
{"csrfToken": "Zx8vQp2LmN4tKw5rT7yU9iO1pA3s"}
{"ResumeToken": "82664A3F5C000000012B022C0100296E5A1004"}
