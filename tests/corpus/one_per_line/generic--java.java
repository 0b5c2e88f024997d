    private static final String API_KEY = "5D1tw9JUpTXDxjQDEQ6hqAUhyauDkvoNlmEfA";
        String secretKey = "XInK4ARmGo5nixNIWNy3Wr";
    final String dbPassword = "TRCP1q3Pwn9*";
    public static final String AUTH_TOKEN = "KjduExr7gdbPlARFENd5AirdVskqUquKEsyFP";
    char[] keystorePassword = "y1X0xGK7H1z2yl".toCharArray();
    private String accessToken = "1dafmlS7YaAf3cvn8UjpCLhkfWOan";
        String encryptionKey = "QHFr1Fia19Glf7AthIVhntrauI";
        this.apiSecret = "k4bzGzXu9l9pt5HMkMEkP6D4tIvsatTvgloyYy";
    private final String sessionToken = "TC0IoEBwuLU5XslYnud157rL"; // rotated quarterly
    static final String MASTER_KEY = "Qnp64jX1jCWNUEX6aOYWwl6ZjqMZfjOuJt7alCmS", REGION = "eu-west-1";
        var password = "harbor-Bison22!";
    private static final String PRIVATE_KEY = "4jaefu723LywQKir2QqVZdDtUZymQrlI4Fi";
        String apiToken = "V13dNNtMbe7ozHhNNbIA3k";
        ds.setUrl("jdbc:postgresql://db/orders"); String pwd = "Pixel*385tundra";
    public static final String SIGNING_KEY = "xrZ19ksQv80sjCoOwwCYsnNQ";
