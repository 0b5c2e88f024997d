val jwt = JWT.create().withIssuer("orders").sign(Algorithm.HMAC256("lStSEoOffPj6Z4tVgoMiKdD6m2tCT89z90"))
