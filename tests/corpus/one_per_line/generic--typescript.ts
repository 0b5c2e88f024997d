export const environment = { production: true, apiKey: 'YoO28gGV8KL8Yg7HOBrv9XOPJTnztUQvrub' };
  private readonly secretKey = "gxWdHOxAxXJgHO1QisaUvxSC3PV";
  static API_TOKEN = 'kLtjqCrIJ4ZUBgdt5ZgKIe128aN0QZP62';
  readonly password = "Lantern2021!t";
const config: Record<string, string> = { DB_PASSWORD: "Tango*778tango" };
const pusher = new Pusher({ appId: "1672431", secret: "C2zUvX2ckoRHvhZUNUyFauI", cluster: "eu", useTLS: true });
export const enum Secrets { ApiKey = "VlUD5TxdUwEMmQajwbzwFI4pnaovkR" }
  authToken = 'W4mdkjwXwyMpWPkKdZEmp4IvdT2t7CaMDK' as const;
const opts = { masterKey: "lCHvhtcAfxKaKVipCw0bsRtMsmSpj8tDmn0TKBU7" } satisfies Options;
  sentry: { org: "acme", project: "web", authToken: "mqZH9z51VePXTDV1cywfKXmgOszGB" },
  @Input() signingKey = "ZCh77TK9VcO32OjP6Pp8TsfQbiX1";
const store = createStore({ credentials: "96a6SCe5kKFIAE1VUNlqribn8GnpqnYZgaq99eIE" });
const credentials = { username: "svc", password: "Juniper#386meadow" } as const;
export const SECRET_TOKEN = "GAdSgjNww6rrO2hcxlHw7AkvWbg";
@Module({ imports: [JwtModule.register({ secret: 'pVZnR6DqfETVd5j1N7eWPFlRX0c0KAdJ1', signOptions: { expiresIn: '1h' } })] })
    this.apiKey = '46zh3P9Zb9C2ITvrhqLksAv4FUzWcPDxNG0RaL';
const hmacKey = "7c1f5a2e9f3c1a7e5b2d8c4f6a0e3b9d";
const smtpPass = "lantern-Oak37!x";
