curl -u admin:q11VPYIJ2N0i https://jenkins.acme.io/job/deploy/build
curl -H "Authorization: Token kQDykSMKY1EXRywNC0Phqq" https://api.acme.io/v1/me
curl -H "PRIVATE-TOKEN: wM0G9tedmWkZw685qdFMuRMJpykUkpWBch" https://gitlab.acme.io/api/v4/projects
curl -H "Ocp-Apim-Subscription-Key: 459fa4e1da4a4c8af321d0d8abf0f497" https://acme.azure-api.net/orders
curl -H "X-Vault-Token: hvs.ADiDDZaRc2WqyOqvkDIww5zGvEjz1ax9FOOVVN4" https://vault.acme.io/v1/secret/data/orders
curl -H "apikey: Vo0jwXluzR2AFcFjwaTIeddvuHDOM99l" https://xyzcompany.supabase.co/rest/v1/orders
curl -H "X-RapidAPI-Key: 38f247c45576e85d68272726b12d922e42b6c2cf1ec189a3ac" https://weather.p.rapidapi.com/current
curl -H "X-API-Secret: 8iY3lvJtJTHzbnPNyjBO7wEW8B" https://api.acme.io/v1/me
curl -H "Authorization: ApiKey IaXqphP7ZLWmuLGq7Nf5XFV7Ig==" https://es.acme.io:9200/_cat/indices
curl -H "Authorization: SSWS 5vB6bdBctiDYnESg4NhtdFZutReYbul8A" https://acme.okta.com/api/v1/users
curl -H "Authorization: key=jNZfg6UzfjYx1sVwGpz1aHTE2z7Qmje" https://fcm.googleapis.com/fcm/send
