API_KEY = "Rjml4UCEnl6IEzE3VCuNCcTsYtj2e"
  config.api_key = 'vgS13KPV5m9uez3bwWzqCPDbONiR4cR4'
client = Octokit::Client.new(access_token: "zCDgzzsZwojFBBrRYM9jINi8OYEU6MZh7Ow", per_page: 100)
  { username: "etl", password: "t6!Sa6KIB8" }
  :auth_token => "ydSDwXSGDasYKiaddIffdS5fpETnaZzxFZr",
Rails.application.config.x.partner_token = "YZNBfNCfrkyGQh5tse8DPxg9RWuW"
ActionMailer::Base.smtp_settings = { address: "smtp.acme.io", user_name: "alerts", password: "Velvet*511indigo" }
    @secret = "v6LvXypm1jqh3ajQRjEs"
$redis = Redis.new(url: "redis://cache:6379/0", password: "f9*Ac1okA1")
DEFAULT_CREDENTIALS = "W5seMEmFt5VOXC1O8Sms2M8A2rIae6izfzuP".freeze
  signing_key: "FpAq3VMFUtzNermbcKekEEiOAHMrcsuXBGjL",
Sidekiq.configure_server { |c| c.redis = { url: "redis://cache:6379/1", password: "ElCRAOT05nKf" } }
API_SECRET = '7usQ9kIUKYSqtV7dFzSMu'.freeze
  config.access_token = "UnvNPsJZKDIerMwDz1KVBz8Q1wS"
auth = { api_key: "rO1e0bNhLYoOP2Hez8gcG6VO0T6aEa60jbXjIan" }
Devise.secret_key = 'tFaymbA5t0BQ09E4qs3GuFMV8Ipap'
client = OAuth2::Client.new('orders-web', 'Vq2Lx7Wz4Mr9Tk1Np6Yb', site: 'https://auth.acme.io')
