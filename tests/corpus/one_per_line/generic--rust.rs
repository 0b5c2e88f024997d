    let api_token = "LAUvgF8AuGKMlbGiM56yCTKjjgMU3jddIlViA";
    let config = Config { api_key: "LFicYwnliaGhr6NSH8FE6dbEDP6adi0tP6yh".into(), ..Default::default() };
    let password = "i1*Bg7Yex2".to_string();
    let signing_key = b"4obUDLCKn39QRS8PpTDetbtZCPBBV";
        access_token: "hWXhs4D3xMyOXQd8iiCOpWV5gAVn7U4VqE2".to_owned(),
    let secret = "UyOg5uCInjD0L730ZOxjiCMVzrCaHOCl19lj3";
    let master_key = "5EJfrqEzIOhydiwmIW2oORZaytmeft08K0D"; // 32 bytes once decoded
    let client = reqwest::Client::new(); let token = "CPuBtaqA0yly77K4o1AlAFbn31g1";
        auth_token: "1KSRtmEeRg8MVMUNCbngQl3",
    let creds = Credentials { username: "svc".into(), password: "o*fRxU91A0r".into() };
    let secret_key = "qRD2gSO6jDmOEKNUFTjW1aiB"; // TODO: read from the environment
    let url_token = "lkiUgRPXcuKmsfvwkyaa7ppCzG96S4";
    let app_secret = "HCA7v6e03cgKFrE06k4g0kVQ4Zh6HsEj2t2Zc";
    let session_token = "ul7Lf5HXBdzm7Cp4jn6vz".parse::<SecretString>()?;
    let jwt_secret = b"K4O2n11RbBX14SnCN0C57DC".to_vec();
