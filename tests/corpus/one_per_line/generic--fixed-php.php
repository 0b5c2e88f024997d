define('API_SECRET', 'M6I8qrFtGeWAMNumNpaDw87I6vHII');
putenv("API_KEY=kQaqFwMCy4wir1IY7GkD1P2b");
$pdo = new PDO('mysql:host=db;dbname=orders', 'app', 'l9*Cj6RIp7');
    'password' => env('DB_PASSWORD', 'Velvet*597ember'),
    'secret' => env('APP_SECRET', 'lBdp3xP0FyNIJiEnDHplwzZyaRkx2EVY0d'),
