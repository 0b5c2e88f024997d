API_KEY = "r81fkJRYs6HJH6avXbu4oWHS"
api_key = 'xoPwc4HBqbpXCBvvf03u4a7QJQ9siuKXduU5'  # TODO: move to Secrets Manager before launch
client = PartnerClient(base_url="https://api.partner.io/v2", api_token="dg3BErv4l1EXUZ4PE1Kx", timeout=10)
SECRET_KEY = "sd4Y1vabZBwfia4IFVFeNA3VtwoIy"
conn = psycopg2.connect(host="db.internal", dbname="orders", user="orders", password="y9*Yf3kPO1")
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "orders", "PASSWORD": "h4!Xa9IKv9"}}
os.environ["API_KEY"] = "3q4uoKtItpHVsgKpo9Q8U3gc0dsQj"
        self.secret_key = b"C3HQQSYZ6gswQnisuDzanpyvaCica"
SIGNING_KEY = r"h1TotMMtUYTEnneMYcQVYH66PV1jTfBtFp7"
cache = redis.Redis(host="cache.internal", port=6379, db=0, password="y5!Ut2LEp7")
def connect(host="db", user="svc", passwd="Falcon#671copper"):
    "refresh_token": "W2TFishgZ4HfPnG5LpUEo1uUV9e",
MASTER_KEY = "Rs8XaTOn0y30ZnPyW2Alt7lRJ3roH0iZm7e6dJt8"
credentials = {"username": "etl", "password": "f3*Pa5hhz4"}
x_api_secret = f"aBgHqQiyRryway6ilNd5hq59VknrAZ0d"
TOKEN = "z97JIDAs1ESfrTBiap4UFV"
mysql_pass = "g3#Lt6tWw8"
    auth_token="WaWdpc3qMnV0SWMgjaLaD1cq1QD7xGMABR7b1",
settings.configure(SECRET_KEY="6w7bY3nkGOXaT7cNd1ivRvuGgB", DEBUG=False)
        return {"Content-Type": "application/json", "access_token": "zqaBtZHLdC7gFqbLthuqpK"}
cfg = {'api_key': 'gJCkaCqnQKyfylZ8EVeIz4J7utmglhJ1Lca', 'region': 'eu-west-1'}
client = Client(api_key = "L4qPr0akShZ5PFyhPQF0zBzCvLROOJwRIMG")
db_password = "Sommer2024!ü"
HMAC_KEY = "2e6a0c5f8b1d7e3a9c2f4e8a1c7f3b9d"
