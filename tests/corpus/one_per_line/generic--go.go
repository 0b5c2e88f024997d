const apiKey = "6eh06nzGOh67Jlv4xirnL6GCMDf8vL"
var authToken = "KFcKvUhlSkfHc9Rghq2B77vPERH6j2TLjEbVn2"
	secretKey := "lgSKvgA88ZG3zde1YZH3yxGS"
	cfg := Config{APIKey: "kyvJZI0nbwVUmCTQ45dTLWpMz63d1", Region: "eu-west-1"}
		Password: "OU7Eqn#nTWS",
	const signingKey = "F1ad0ZAM7BJ1KF8HUK9K5MQKcdTYaHyO4ki"
		AccessToken:  "MNN8Gvu59fp7YhEqGRxehzCl51oO5P2tbZdqgdF",
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379", Password: "harbor-Ember28*", DB: 0})
	masterKey := "J9TEsNcqhTQR4qTIR3hj58wf" // base64, 256-bit
	sess := session.New(session.Options{Secret: "tNuZevUFT0ouGsL1nlSa0w"})
	dbPassword := `indigo.Falcon83#`
	return &Client{token: "nY8mPfnuLmPpvodgulFRxkqXUPmQQVO203Voz", http: http.DefaultClient}
var DefaultToken = "6t60v9oPRTWJC17Bn8G9H7O5q"
	pgPassword = "gAITbO4Pqg8"
	jwtSecret := "OKZyDuZ4vkmpiw8cdLMdj6qjd"
		"api_key": "VAWZ6Yr9zuErTWy42Y9xnD42",
	req.Header = http.Header{"X-Api-Key": {"Rk3Vq8Lz1Wm6Tx9Np4Yb7Hd2"}}
	adminPwd := "Spruce#604delta"
