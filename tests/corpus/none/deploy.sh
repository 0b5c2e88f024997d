#!/usr/bin/env bash
# Deploy the API to the staging cluster. Reads every credential from Vault or the CI
# environment; prints nothing sensitive (set -x is off on purpose).
set -euo pipefail

: "${VAULT_ADDR:?VAULT_ADDR must be set}"
: "${DEPLOY_ENV:=staging}"

TOKEN_EXPIRY=3600
PASSWORD_MIN_LENGTH=12
API_KEY_HEADER="X-API-Key"
TOKEN_URL="https://auth.acme.io/oauth/token"
SECRET_PATH="secret/data/api/${DEPLOY_ENV}"

log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

export VAULT_TOKEN="$(vault write -field=token auth/jwt/login role=deploy jwt="${CI_JOB_JWT_V2}")"
API_KEY="$(vault kv get -field=api_key "${SECRET_PATH}")"
DB_PASSWORD=$(vault kv get -field=db_password "${SECRET_PATH}")
CLIENT_SECRET="$(aws secretsmanager get-secret-value --secret-id "api/${DEPLOY_ENV}/client-secret" --query SecretString --output text)"
REGISTRY_PASSWORD=$(aws ecr get-login-password --region eu-west-1)
GH_TOKEN="${GITHUB_TOKEN:-}"
export API_KEY DB_PASSWORD CLIENT_SECRET

log "logging in to the registry"
echo "${REGISTRY_PASSWORD}" | docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com

ACCESS_TOKEN=$(curl -sf -X POST "${TOKEN_URL}" \
  -d grant_type=client_credentials \
  -d client_id=deploy-bot \
  --data-urlencode "client_secret=${CLIENT_SECRET}" | jq -r .access_token)

log "token acquired (token=${ACCESS_TOKEN:0:4}****, api_key=[REDACTED])"

curl -sf -H "Authorization: Bearer ${ACCESS_TOKEN}" \
     -H "${API_KEY_HEADER}: ${API_KEY}" \
     "https://api.acme.io/v1/deployments?env=${DEPLOY_ENV}"

kubectl create secret generic api-secrets \
  --from-literal=api-key="${API_KEY}" \
  --from-literal=db-password="${DB_PASSWORD}" \
  --from-literal=database-url="postgres://api:${DB_PASSWORD}@db.${DEPLOY_ENV}.internal:5432/api" \
  --dry-run=client -o yaml | kubectl apply -f -

helm upgrade --install api ./chart \
  --set image.tag="${CI_COMMIT_SHA}" \
  --set secrets.apiKey="${API_KEY}" \
  --set postgresql.auth.password="$DB_PASSWORD" \
  --set-string podAnnotations.checksum="$(sha256sum chart/values.yaml | cut -d' ' -f1)"

if [[ -z "${GH_TOKEN}" ]]; then
  log "GITHUB_TOKEN not set; skipping release notes"
else
  gh release create "v${VERSION}" --notes-file CHANGELOG.md
fi

read -rsp "Vault password for break-glass (leave empty to skip): " password; echo
if [[ ${#password} -ge ${PASSWORD_MIN_LENGTH} ]]; then
  vault login -method=userpass username="${USER}" password="${password}"
fi
unset API_KEY DB_PASSWORD CLIENT_SECRET ACCESS_TOKEN password
