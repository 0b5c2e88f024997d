        dataSource.setPassword("Granite!673copper");
        props.put("password", "i2#Nt7DoX7");
        config.setSecretKey("lhlaKzdp6FnRGyPpeTE37vGWHZW1ElD50Wl");
        System.setProperty("javax.net.ssl.keyStorePassword", "Summer2018!p");
        String jwtSecret = new String("SqNSM8FFZHTPcn8cadpkVSv8mY0joIYCLDCk2zM");
        return Map.of("api_key", "bHLYcdDgBaq12OThkoQffPb2CW1pHj");
    @Value("${api.key:0yWgII4MDeMY0DXIGyPTUHNEEiO8RmSV}") private String apiKey;
        JwtParser parser = Jwts.parser().setSigningKey("Nl2NKGi4idaYZk2aLzkxE").build();
        props.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc\" password=\"raven-Willow25!\";");
