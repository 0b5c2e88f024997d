        public string AccessToken { get; set; } = "QPEk6og2KXxvUq0oaz9Q";
        var cred = new NetworkCredential("svc-reports", "Maple#815orbit");
        Environment.SetEnvironmentVariable("API_TOKEN", "PjrZ2Euh20LhCMeSorvmsN17G0K");
        var aws = new BasicAWSCredentials("AKIAJ7Q2LXW4ZTP9RKM3", "1aJv4ldUiPb9+3rs90q1yN2Vf1eZDYieLivQUfpG");
        var smtp = new SmtpClient("smtp.acme.io") { Credentials = new NetworkCredential("alerts", "Autumn#834pixel") };
