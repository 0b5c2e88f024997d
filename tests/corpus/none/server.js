'use strict';
// Express API gateway. Secrets come from process.env (injected by the platform) or from
// Google Secret Manager at boot; see README "Configuration".

const express = require('express');
const crypto = require('crypto');
const { SecretManagerServiceClient } = require('@google-cloud/secret-manager');
const axios = require('axios');

const TOKEN_EXPIRY_SECONDS = 3600;
const PASSWORD_MIN_LENGTH = 12;
const API_KEY_HEADER = 'x-api-key';
const tokenUrl = 'https://auth.internal.acme.io/oauth/token';
const secretName = 'projects/acme-prod/secrets/gateway-api-key/versions/latest';

const config = {
  port: Number(process.env.PORT || 3000),
  apiKey: process.env.GATEWAY_API_KEY,
  clientId: process.env.OAUTH_CLIENT_ID,
  clientSecret: process.env.OAUTH_CLIENT_SECRET,
  sessionSecret: process.env.SESSION_SECRET ?? '',
  dbPassword: process.env['DB_PASSWORD'],
  redisUrl: process.env.REDIS_URL || 'redis://localhost:6379/0',
  tokenUrl,
  tokenExpiry: TOKEN_EXPIRY_SECONDS,
};

async function loadSecrets() {
  const client = new SecretManagerServiceClient();
  const [version] = await client.accessSecretVersion({ name: secretName });
  const apiKey = version.payload.data.toString('utf8');
  return { apiKey };
}

async function fetchAccessToken() {
  const { data } = await axios.post(config.tokenUrl, new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: config.clientId,
    client_secret: config.clientSecret,
  }));
  const token = data.access_token;
  console.log(`token refreshed, expires in ${data.expires_in}s (token=${token.slice(0, 4)}****)`);
  return token;
}

function requireApiKey(req, res, next) {
  const apiKey = req.get(API_KEY_HEADER);
  const expected = Buffer.from(config.apiKey || '');
  const given = Buffer.from(apiKey || '');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return res.status(401).json({ error: 'invalid api key' });
  }
  return next();
}

const app = express();
app.use(express.json());

app.get('/v1/orders/:id', requireApiKey, async (req, res) => {
  const token = await fetchAccessToken();
  const upstream = await axios.get(`https://orders.internal.acme.io/v1/orders/${req.params.id}`, {
    headers: {
      Authorization: `Bearer ${token}`,
      'X-Request-Id': req.get('x-request-id') || crypto.randomUUID(),
    },
  });
  res.json(upstream.data);
});

app.post('/v1/login', async (req, res) => {
  const { username, password } = req.body;
  if (!password || password.length < PASSWORD_MIN_LENGTH) {
    return res.status(400).json({ error: `password must be at least ${PASSWORD_MIN_LENGTH} characters` });
  }
  const session = await auth.login({ username, password });
  const { accessToken, refreshToken } = session;
  res.cookie('refresh_token', refreshToken, { httpOnly: true, secure: true, sameSite: 'strict' });
  return res.json({ accessToken, token_type: 'Bearer', expires_in: TOKEN_EXPIRY_SECONDS });
});

loadSecrets().then(({ apiKey }) => {
  config.apiKey = config.apiKey || apiKey;
  app.listen(config.port, () => console.log(`listening on ${config.port}`));
});
const res = await fetch(url, { headers: { "x-api-key": awsS3Config.apiKey } });
