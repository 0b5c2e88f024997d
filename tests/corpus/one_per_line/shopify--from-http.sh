curl -H "X-Shopify-Access-Token: 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" https://acme.myshopify.com/admin/api/2024-04/shop.json
