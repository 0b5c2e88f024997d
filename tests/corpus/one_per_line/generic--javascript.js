const API_KEY = "V4o7Kp9itgHovQx0yc6DnQrnQYw1gU8wZ2";
const apiToken = '7SBlyzbgvxNDUlEYf5r76o';
let accessToken = `vKevbbDB6YjjPAhno5QUF`;
module.exports = { secretKey: "d0lX5SEJ96XaJjWxVYTIzXGGcorCgGwd" };
const client = new PartnerClient({ apiKey: 'IbKD9qDSVJzFSSrX73pC75tdWfzu7nD6', region: 'eu-west-1' });
process.env.SESSION_SECRET = "czfQOKlJxcZMI2QRLzz7MjnczAP";
const db = mysql.createConnection({ host: 'db', user: 'app', password: 'tango_Winter31!', database: 'shop' });
  auth: { user: 'alerts@acme.io', password: "indigo_Quartz78*" },
window.APP_SECRET = "W5LfEAiWeT7TzSGJWPpSpADeQlatoCq";
axios.defaults.auth = { username: 'bot', password: 'Lantern2025*p' };
const key = { privateKey: "Clx9dGI2qVsGW88hbV1dedLzvvP1zjU", passphrase: null };
const { SECRET = "0SMKUcw5Snkgb5odpmPst45DrVzzjcYUm5" } = process.env;
  refreshToken: "BWSoucIPDcFLPiFgjjDO9VTJ0AQ47q4v",
const pwd = "fD2Hf!g973E7H";
var apiSecret="yxABIGBBAJChOpol7ES57ii";
exports.config = { sessionToken: 'BZnklvFCcXjTf1PiYAF3d4ZXAtGl6bqhUPvaw' };
this.authToken = "MCDikq11mIGvhBURCxBlqcAQZka";
    encryption_key: 'dd50ce6a9f0a17ccd721034deb0fcfd8e3fd1dffe2d84e3d6fe25cc8386e906b',
