#!/bin/sh
curl -H "Authorization: Bearer 9f2Kx7Lq4Zm8Wv1Rt6Yn3Bp5" https://api.example.com/v1/orders
curl -H "Authorization: Bearer ${API_TOKEN}" https://api.example.com/v1/orders
