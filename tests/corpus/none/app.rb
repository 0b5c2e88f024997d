# frozen_string_literal: true

# Sinatra service that proxies to the shipping provider. Credentials: Rails-style encrypted
# credentials in production, ENV everywhere else.
require "sinatra/base"
require "faraday"
require "aws-sdk-ssm"

class ShippingProxy < Sinatra::Base
  TOKEN_EXPIRY = 3600
  PASSWORD_MIN_LENGTH = 12
  API_KEY_HEADER = "X-API-Key"
  TOKEN_URL = "https://auth.shipping.internal/oauth/token"
  SECRET_NAME = "shipping/api-key"

  configure do
    set :api_key, ENV.fetch("SHIPPING_API_KEY")
    set :client_secret, ENV["SHIPPING_CLIENT_SECRET"]
    set :password, ENV.fetch("SHIPPING_DB_PASSWORD", "")
    set :session_secret, ENV.fetch("SESSION_SECRET") { SecureRandom.hex(64) }
  end

  def self.ssm_password
    ssm = Aws::SSM::Client.new(region: ENV.fetch("AWS_REGION", "eu-west-1"))
    ssm.get_parameter(name: "/prod/shipping/db_password", with_decryption: true).parameter.value
  end

  def connection
    @connection ||= Faraday.new(url: "https://api.shipping.internal") do |f|
      f.request :authorization, "Bearer", -> { access_token }
      f.headers[API_KEY_HEADER] = settings.api_key
      f.request :json
    end
  end

  def access_token
    @access_token ||= begin
      resp = Faraday.post(TOKEN_URL, grant_type: "client_credentials", client_id: "shipping-proxy",
                                      client_secret: settings.client_secret)
      JSON.parse(resp.body).fetch("access_token")
    end
  end

  get "/rates/:zip" do
    token = access_token
    logger.info("rates zip=#{params[:zip]} token=#{token[0, 4]}**** api_key=[REDACTED]")
    connection.get("/v1/rates", zip: params[:zip]).body
  end

  post "/login" do
    password = params.fetch("password", "")
    halt 400, "password too short" if password.length < PASSWORD_MIN_LENGTH
    api_key = Rails.application.credentials.dig(:shipping, :api_key)
    token = Session.create!(user: current_user, password: password).token
    { token: token, token_type: "Bearer", expires_in: TOKEN_EXPIRY, api_key: api_key.present? }.to_json
  end
end

Shipping.configure do |config|
  config.api_key = ENV["SHIPPING_API_KEY"]
  config.secret_key = Rails.application.credentials.shipping_secret_key
  config.password = -> { ShippingProxy.ssm_password }
  config.database_url = "postgres://shipping:#{ENV['SHIPPING_DB_PASSWORD']}@db.internal:5432/shipping"
end
