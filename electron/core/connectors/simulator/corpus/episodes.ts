/**
 * Templates for the scripted episodes in ../scenario: the login outage, the cashback campaign and the small
 * payment glitch. Outage posts lean on the scenario's terms ("can't log in", "error 503", "logged out").
 */

/** The login outage: people locked out, the app "down", 503s, forced log-outs. */
export const OUTAGE: ReadonlyArray<string> = [
  "{handle} can't log in to the app, keeps saying {error} {emojiAngry}",
  "Is {brand} down?? can't log in at all",
  "{brand} app is down for me too. Logged out and now it won't let me back in",
  "{handle} just got logged out and can't log back in. I need to pay rent today!!",
  'anyone else getting error 503 on {brand}? app is down',
  '{brand} login broken again. {shortWait} of "something went wrong" {emojiAngry}',
  "Can't log in to {brand}, stuck at a card payment at {place} with no way to see my balance",
  '{handle} your app is down. Error 503 every time I try to log in. Status page says all fine??',
  'So {brand} is down. Logged out randomly, password reset email never arrives',
  "app is down. can't log in. {support} not answering. great start to the day {brand}",
  'Tried to log in to {brand} 10 times, error 503. On {device}, reinstalled, nothing',
  '{brand} down? Face ID login just spins then boots me out',
  'is it just me or is {brand} login completely broken right now {emojiAngry}',
  "{handle} I've been logged out and the app says {error}. Can't freeze my card, can't do anything",
  'Cant log in to {brand} app, keeps saying error 503 {emojiAngry}{emojiAngry}',
  "Day ruined. {brand} app is down and I can't log in to pay {person} back",
  '{brand} is down down. logged out on my {device} and the web app too',
  'Login to {brand} fails with error 503. How is a bank app down for {shortWait}?',
  "Can't log into {brand}!! been trying for {shortWait}. {bad}",
  '{handle} app is down, getting error 503 when logging in. Please fix asap',
];

/** App-store and Trustpilot titles for outage reviews. */
export const OUTAGE_TITLES: ReadonlyArray<string> = [
  "Can't log in",
  'App is down',
  'Error 503 every time',
  'Logged out and locked out',
  'Login broken',
  'Unusable today',
  "Can't access my money",
];

/** The cashback launch: praise and neutral shares under the campaign hashtag. */
export const CAMPAIGN: ReadonlyArray<string> = [
  '{tag} is live!! 5% back on groceries [at Tesco|at Lidl|at Aldi|at Sainsburys|everywhere] {emojiHappy}',
  'Just got {amount} back from {tag} on my first shop, {brand} you legends',
  '{brand} launched cashback and it actually works. {tag} {emojiHappy}',
  'Loving the new cashback in {brand}. Already paid for my coffee {tag}',
  'New {brand} cashback launch today {url} {tag}',
  '{tag} 5% at supermarkets, 2% everywhere else. {brand} going after {rival} hard',
  'Best launch {brand} has done. {tag} {emojiHappy}{emojiHappy}',
  'RT if you got cashback from {brand} today {tag}',
  'Cashback boost activated in the {brand} app, super easy {tag}',
  'ok {tag} got me to switch from {rival}. {good}',
  '{brandFull} launches cashback for every customer: 5% on groceries {url}',
  'The {brand} cashback launch ad is everywhere today {tag}',
  'earned {amount} cashback this week with {brand}, free money {emojiHappy} {tag}',
  'Great move by {handle}, {tag} is {good}',
];

/** App-store and Trustpilot titles for campaign reviews. */
export const CAMPAIGN_TITLES: ReadonlyArray<string> = [
  'Cashback is great',
  'Love the new cashback',
  'Free money!',
  'Brilliant launch',
];

/** The smaller payment glitch: failed card payments, pending transfers, refunds. */
export const PAYMENT_GLITCH: ReadonlyArray<string> = [
  '{handle} payment failed at {place} twice, then charged me anyway. Need a refund',
  '{handle} my transfer of {amount} is pending for ages, where is it?',
  'Card payment failed at {place} but {amount} left my account. {brand} refund please',
  '{brand} transfers stuck on pending for everyone? {emojiAngry}',
  'Payment failed, payment failed, payment failed. {brand} what is going on',
  "{handle} sent {amount} to {person} {when}, still pending, they haven't got it",
  'Double charged {amount} at {place} after a "payment failed" message. {brand} refund asap',
  'any {brand} users seeing payments fail right now? transfer sent {when} still pending',
];
