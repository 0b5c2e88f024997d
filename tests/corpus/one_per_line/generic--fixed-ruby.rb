ENV["SECRET_TOKEN"] ||= "cWwm51wrDQIlPMS46EpYeMCIgikeU7558twTojh"
set :session_secret, "4tlWlkFPZqcINEaFgGiS"
conn.basic_auth("svc", "f5!Dy2tcO2")
let(:api_token) { "3uiQTYLS4X86aiJmnlkWi6qh" }
api_key = ENV.fetch("API_KEY", "GcAULxzHHiZbiSeXU5mrb")
Aws.config.update(credentials: Aws::Credentials.new("AKIAJ7Q2LXW4ZTP9RKM3", "Vf06Es8e9FhstPAjzlPKMFCakyxi/jUloQcfx0Ol"))
