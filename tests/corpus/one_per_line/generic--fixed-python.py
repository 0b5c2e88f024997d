WEBHOOK_SECRET: Final = "yPydByt0V45YZC3GZ6If7m9DSLvULVk"
os.environ.setdefault("AUTH_TOKEN", "D1xiMRBij8mQBXZZFGuRMadZeInZej1RnoKMJt9")
api_key: str = "K9g2cGfgjpuf0569oIvtOcFKdtc0qG8"
server.login("alerts@acme.io", "Willow2019*k")
ENCRYPTION_KEY = bytes.fromhex("25c3a8c66f47cbbe0f9e994d7c2d826ae46ff990e25f61d454391d223f31e5ea")
resp = requests.post(url, auth=("svc-reports", "oMntqpxVjN"))
API_KEY = os.getenv("API_KEY", "NZd40xs5L17GSBjRsTQFR")
DB_PASSWORD = "Tr0ub$4dor&3x"
