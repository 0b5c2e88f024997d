<?php
declare(strict_types=1);

/*
 * Front controller for the newsletter service. Configuration is read from the environment
 * (vlucas/phpdotenv loads .env in development only).
 */

use Aws\SecretsManager\SecretsManagerClient;
use GuzzleHttp\Client;

require __DIR__ . '/../vendor/autoload.php';

const TOKEN_EXPIRY = 3600;
const PASSWORD_MIN_LENGTH = 12;
const API_KEY_HEADER = 'X-API-Key';
const TOKEN_URL = 'https://auth.mailer.internal/oauth/token';

if (file_exists(__DIR__ . '/../.env')) {
    Dotenv\Dotenv::createImmutable(dirname(__DIR__))->safeLoad();
}

$config = [
    'api_key'       => getenv('MAILER_API_KEY'),
    'client_secret' => $_ENV['MAILER_CLIENT_SECRET'] ?? null,
    'password'      => $_SERVER['MAILER_DB_PASSWORD'] ?? '',
    'secret_key'    => env('APP_SECRET_KEY'),
    'token_url'     => TOKEN_URL,
    'token_expiry'  => TOKEN_EXPIRY,
];

$secrets = new SecretsManagerClient(['region' => getenv('AWS_REGION') ?: 'eu-west-1', 'version' => 'latest']);
$apiKey = $secrets->getSecretValue(['SecretId' => 'mailer/api-key'])['SecretString'];
$password = $config['password'];
$dsn = sprintf('mysql:host=%s;dbname=%s', getenv('DB_HOST'), 'newsletter');
$pdo = new PDO($dsn, getenv('DB_USER'), $password);

function fetch_token(array $config): string
{
    $http = new Client(['timeout' => 10]);
    $res = $http->post($config['token_url'], ['form_params' => [
        'grant_type'    => 'client_credentials',
        'client_id'     => 'newsletter',
        'client_secret' => $config['client_secret'],
    ]]);
    $token = json_decode((string) $res->getBody(), true)['access_token'];
    error_log('token refreshed: ' . substr($token, 0, 4) . '****');
    return $token;
}

function sign(string $payload, string $secret): string
{
    return hash_hmac('sha256', $payload, $secret);
}

$token = fetch_token($config);
$http = new Client([
    'base_uri' => 'https://api.mailer.internal/',
    'headers'  => [
        'Authorization' => 'Bearer ' . $token,
        API_KEY_HEADER  => $apiKey,
    ],
]);

if ($_SERVER['REQUEST_METHOD'] === 'POST' && isset($_POST['password'])) {
    $password = $_POST['password'];
    if (strlen($password) < PASSWORD_MIN_LENGTH) {
        http_response_code(400);
        echo json_encode(['error' => 'password too short']);
        exit;
    }
    $hash = password_hash($password, PASSWORD_ARGON2ID);
}

echo json_encode(['ok' => true, 'api_key' => '****', 'signature' => sign('ping', (string) $config['secret_key'])]);
