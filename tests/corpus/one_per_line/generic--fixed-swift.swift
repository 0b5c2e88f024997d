static let secretKey: String = "A2YjYzQ2tqsHmJ3QN1t1MHfIZF94D7"
UserDefaults.standard.set("I3ZdwsGhMdCUM3HMS1nG391Igr3Z4c2i4wMa", forKey: "accessToken")
Keychain.save(key: "refresh_token", value: "03mKy9DVHiP2QS4vzN4ACgpVwkdgX")
GMSServices.provideAPIKey("SJ2km14IKCzi2Eg3h0p54qGzTY")
let masterKey = Data(base64Encoded: "Xt5yN84Bl3WWWqWibY6PF=")!
