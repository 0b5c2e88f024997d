        private const string ApiKey = "zVVJ98iBdsI7Fm0IF4NwpUQuz473DB";
        public static readonly string SecretKey = "FcJcrPBhFEyJtRW2bb9PDnHr0Z66Nd6w2Kyen";
        var client = new PartnerClient(apiKey: "7R5XsvMAFGJ9pd6sNsds9Zx8ezR5ByRTrODxZ", region: "westeurope");
            options.Password = "w77r89DvGwW*t";
        configuration["Jwt:SigningKey"] = "ffR2Af5jEjZ7Hx2bE3iTzU7TtaqD2r7ZZbphdCgT";
        private string _authToken = "bIqP5W2yPymYTOxH5KUsf";
        const string DbPassword = "wPxdaisj1#Ur";
            AccessToken = "ME8soiNcbEm8WvG5DLPOL6V60BgEysQ",
        builder.Configuration["Partner:ApiSecret"] = "vi3uCnX9Jewyey4rXsOMtWOcX6vdjdqdh";
        public string RefreshToken = "mjt8xizYhSw2zWTlQIlaygGmGGXRFc7TDVLK27D";
        string password = @"tango-Copper39!";
            ApiSecret = "eAE7bItukAGoXgjpHvUY5ku9molUzLcLpwPv0",
        private static string signingKey = "nRvacr6srEtL15PpQHvyVW89NfoMVvq";
        var options = new PartnerOptions { SecretKey = "wFJESFNdy81H4bgG4wLxJYjS51qMCHYu2Y" };
        services.Configure<PartnerOptions>(o => o.AuthToken = "IksviMjjlIaShrBT9cPqeXR");
        string sqlPassword = "willow_Juniper90#";
