curl 'https://api.clickmeter.com/v2/links' -H 'X-ClickMeter-API-Key: OCPKWZ30-Z6CH-WSK8-QIX4-FIRIR9TIVFAZ'
curl -H "X-API-Key: CLLNbGXMeZOpuOJvqY7iGxKZOdvRc4yE" https://api.example.test/v1/items
curl -H "x-api-key: 05f3518b25a5321bd677cdfb319f40f289acf406" https://api.example.test/v1/items
curl -H 'Authorization: Basic c3ZjLTU0amVmOjBDbktyZExnbzBtZXpX' https://ci.example.test/api/json
curl "https://api.example.test/v1/report?format=csv&api_key=znCSfxnKaVTFc40mAEkFy1Av7eOcPCIi"
curl "https://maps.example.test/geocode?q=berlin&access_token=ahIBHkiXQqiAS4yCNsSqNXGtwpPJkxsgsyROx7ts"
