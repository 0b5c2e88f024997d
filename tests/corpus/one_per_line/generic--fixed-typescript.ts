const apiKey: string = "2WpnjPomrBhSsl2TqMB5HT";
let sessionToken: string | undefined = "aaZaLIY5tpM2fJmPZnaLAdGYF0BDLvwfoaZOj";
