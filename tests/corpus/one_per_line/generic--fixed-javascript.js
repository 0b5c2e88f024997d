config.set('stripeSecret', 'Oz9oCCJ7PK8g8Z9zisA5JAFhWwiMaIXUDuc');
localStorage.setItem("auth_token", "t0LQPhAiW4tS4wPqGsk7AHAr1gNAq6FKsP");
const signingKey = Buffer.from("1RpByuIsneRbEA6zjXduHZaHBECpated47MLE", "utf8");
const apiKey = process.env.API_KEY || "biN3eYf7LlQK67FtmsFd4SJYu6n22X633DpX";
