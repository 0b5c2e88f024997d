curl -H "X-Auth-Key: 5d766420fab37bf85596b25e7cd24c93ea537" -H "X-Auth-Email: ops@acme.io" https://api.cloudflare.com/client/v4/zones
