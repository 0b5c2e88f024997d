$apiKey = 'Nza6QUKBBl1jSNX0Kli3kuFx3cEM7U';
    'password' => 'Glacier2015#j',
$config['secret_key'] = "GJMzNek0jqCwIRalIjC681vKGlUfgoBfMEum5T";
const AUTH_TOKEN = 'gwDKSUSl1WXFanE0rNxvx';
    private $accessToken = "0POabbUEXSOWzrmrYlwH3YW0G8kOGAPC7kovs";
    public string $signingKey = 'V2bEExVphNgWhvE2lVBdErsqmeE9L';
$mail->Password = 'tango.Nimbus13*';
return ['api_token' => "yhY9hucjyXD4plxJjk6ulicoOl"];
    protected static $apiSecret = 'sXoFym49u3bcierNVXFaSgAj9E9CtzsXOuOS';
$db_password = "indigo-Quartz39*";
$client = new \Partner\Client(['api_key' => 'DhKjUmRP4hvw7qBDbNZmDVxI7zHYYK', 'timeout' => 10]);
        $this->password = 'n4!Eq7VBA1';
$settings = ['smtp_password' => "scHZbNsD3QYU"];
    public const WEBHOOK_SECRET = 'xVWrL65CwHb3coytf9df';
$_ENV['API_TOKEN'] = 'xdrHndKEIa0By4G1Fsfx3Of1OMyl78';
    'access_token' => "7NaRI7bshCVdvHX2t7sAljEiNViBlD9xpx",
