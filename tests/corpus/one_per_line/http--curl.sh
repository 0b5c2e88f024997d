curl -H "Authorization: Bearer 4X4FMOLjepA8ElPTeup0VScWcI8ryC" https://api.acme.io/v1/orders
curl -s -H 'X-API-Key: oA4zFWXAPGA7xSLl6jXU2kOO5dICeGkZBE7BP' https://api.partner.io/v2/stock
curl --header "Authorization: Basic ZXRsLWxvYWRlcjp5SGV2ODhGaDBIYUhndnFNUkJyNEs5" https://ci.acme.io/api/json
curl "https://api.acme.io/v1/export?format=csv&api_key=CscUE1hTbRZlIk5B8UsT77V5c"
wget --header="Authorization: Bearer Iroz6vIdFnokPS9g3x6o9gjtmdQYTkOsNrJ7" https://files.acme.io/export.tar.gz
http GET https://api.acme.io/v1/me "Authorization:Bearer h5hXu7FtDgLUb7hgxAZd3VQPmp6C1k81Gi7tH"
http https://api.acme.io/v1/me X-API-Key:1Lm2RyLJ8GAzuE6yMQ2eicNwFftnXSOPu0s0Cz
curl -H "X-Auth-Token: vZkqUusMyzNJMcI8kGHisMReNNOWSOnrSFRHxE" https://objects.acme.io/v1/AUTH_acme/backups
curl https://acme-openai.openai.azure.com/openai/deployments/gpt/chat/completions -H "api-key: ac0092ccb2ad49794494f195631fc5f4"
websocat "wss://stream.acme.io/v1/events?access_token=f4r6oCBe43KYAARA0xJosmItQxJ9p25"
curl -H "X-Access-Token: EWVs2ciBVQuFk8mNscBuP9g8OsdV4" https://api.acme.io/v1/me
curl -H "x-goog-api-key: jg57ZwhPN7rxtWJK2G9NU33VEbD8n" https://generativelanguage.googleapis.com/v1beta/models
curl -H "X-Api-Token: XfaNa9QwbRO0hU3LdZfKil" https://api.acme.io/v1/me
curl -H "authorization: bearer FX7EhVUgU5Tn19KFPfS80PFR6MoMZ9CfgHapunf" https://api.acme.io/v1/me
curl "https://api.clickmeter.com/v2/links?apiKey=OiuysRqQWGSxRcQV9A3zo4NC&limit=10"
curl -X POST "https://hooks.acme.io/trigger?token=9NlJLzmxLhWEgRbeluYyA"
curl -H "X-ClickMeter-API-Key: bquAWIBYUXEWPgbfmb8uqwmqiGZX" https://api.clickmeter.com/v2/me
curl -H "X-Gravitee-Api-Key: yKCX8R1yeippOWXWgBR6wpR" https://gw.acme.io/orders
curl -H "X-MBX-APIKEY: JVzMM9lqDrOj6lvpfBKOl00f3Rb" https://api.binance.com/api/v3/account
curl "https://api.acme.io/v1/items?api-key=0A4N9jS7wjLCMuMNHXO6"
curl "https://api.acme.io/v1/items?access-token=F1mMLNmlqfIim6ZvIxPAS7MGTn"
