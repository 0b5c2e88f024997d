        .api_key("eHqR5fU6dFeUzSVTHL95GCyGqp3o0yE94R1leCDm")
const API_KEY: &str = "Rjzhd2UZ9iGiLz2mR0gnl";
static SECRET_KEY: &str = "JoBzDKB0aFbYLmN2BUa8rAxR8f3IgxUDOiUIdl5Q";
        password: String::from("Meadow&492raven"),
    std::env::set_var("AUTH_TOKEN", "UrH6AGquSTSyfiRpZhT6wyQHrFQU");
    let master_key = r#"XVMOwJnupPqMjwNwiqLXi6OhP1IRT5U1lo"#;
        .password("e6!Av6WWQ2")
const SECRET: &'static str = "4GA4m6LvXlhsp4F6MWSkJso20OHRwtgq3MmVyS";
    let api_key = std::env::var("API_KEY").unwrap_or_else(|_| "FabvnMVwaiBC7bfPPYt9mpZ".to_string());
    let encryption_key: [u8; 32] = *b"5fe9d8e5a8fb0d54602bb8d7c925f47f";
