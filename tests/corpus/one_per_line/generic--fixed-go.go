var apiKey string = "hfqV8XHN8ljfqnyXpXWfPO0Fr"
	os.Setenv("API_TOKEN", "negg0Ufnns720shu41Cq8cbciH")
	token := []byte("pO1w7Lgg1PBZq00wso04Yhq")
	client := github.NewClient(nil).WithAuthToken("QgpibzDRdW5KSwOGUsaYmhvMTImxHr3Oex3FW")
	auth := smtp.PlainAuth("", "alerts@acme.io", "u3*Ur4JLN4", "smtp.acme.io")
	viper.SetDefault("api_key", "YriKRpgF5qqNJxA6CNGkgqheLlXVz6R")
		Secret: []byte("4RilmuM6tQsebOkso1CX4yE2DlcepCzdZvbs"),
