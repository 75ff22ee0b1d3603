/**
 * Everyday post templates for the simulator, by intent. Slots are described in ./slots. They read like real
 * customers: short, uneven, sometimes rude, sometimes glowing.
 */

/** Praise: happy customers, feature love, good support stories. */
export const PRAISE: ReadonlyArray<string> = [
  '{handle} {feature} is {good} {emojiHappy}',
  'Paid at {place} with my {product} {when}, contactless just worked. {brand} is {good}',
  'Honestly {brand} support sorted my issue in like 5 minutes. Never had that with {rival}',
  'Switched from {rival} to {brand} and not looking back. {feature} alone is worth it {emojiHappy}',
  'shoutout to {handle} for refunding {amount} within a day, proper customer service {emojiHappy}',
  '{feature} in {brand} looks so clean now. whoever designed it deserves a raise',
  'Got my {product} in the post today and it looks incredible {emojiHappy}{emojiHappy}',
  '{brand} app just keeps getting better. {feature} + {feature} = chef kiss',
  'Saved {amount} this month just from {feature}. Thanks {handle}',
  'Lost my card at {place}, froze it in the {brand} app in 2 seconds. Love that feature',
  'been with {brand} {wait} now, zero issues. {good}',
  "{person} finally moved to {brand} after I wouldn't shut up about it lol",
  '{brandFull} is the only bank app I actually enjoy opening. weird thing to say but true',
  'Used {feature} abroad in {city}, no fees, rate was fair. {emojiHappy}',
  "Credit where it's due {handle}, the agent in {support} was lovely and fixed it straight away",
  'five stars for {feature}. I know exactly where my money goes now',
  '{brand} notifications are so fast, paid at {place} and the ping arrived before the receipt printed',
  'The {brand} update on {device} is smooth af {emojiHappy}',
  'Best decision this year: moving my salary to {brand}. {feature} is {good}',
  'Ok {feature} in {brand} is actually genius {emojiHappy} {hashtag}',
];

/** Complaints that are not the scripted incidents: fees, cards, transfers, support waits, crashes. */
export const COMPLAINTS: ReadonlyArray<string> = [
  '{handle} my card got declined at {place} {when} with plenty of money in the account. {bad} {emojiAngry}',
  'Waiting {wait} for a refund of {amount} from {brand}. Nobody in {support} can tell me anything',
  '{brand} app crashed 3 times trying to open {feature} on my {device}. Fix it pls',
  'Why is {brand} charging me a fee on {feature}?? Was free last month {emojiAngry}',
  'transfer of {amount} to {person} sent {when} and still stuck as "processing". {handle} any update?',
  'On hold with {support} for {wait}. {brand} you used to be good',
  '{handle} the latest update ({version}) broke {feature} on {os}. Reinstalled twice',
  'Third time this month {brand} froze my card for "security". I just want to buy groceries at {place}',
  "Can't believe {brand} closed my account with no explanation. {amount} still in there. {bad}",
  '{brand} verification is {bad}. Sent my ID {wait} ago and still waiting',
  "Overdraft alert came AFTER I went overdrawn. What's the point {handle} {emojiAngry}",
  'Exchange rate on {feature} today was way worse than {rival}. Not impressed {brand}',
  'the {brand} app logs me out every single time I switch apps. annoying',
  '{brand} please stop sending me push notifications about {product}, I said no',
  'Direct debit bounced because {brand} held my salary for "checks". Now I owe a late fee {emojiAngry}',
  'Disputed a charge of {amount} from {place} {wait} ago. {brand} still "reviewing" it',
  "{handle} why does {feature} keep showing the wrong balance? it says {amount} but it's not",
  'Chatbot in {support} is going in circles. Let me speak to a human {brand}!!',
  '{brand} app uses 40% battery on my {device}, something is broken',
  'got charged twice for the same {amount} at {place}, {handle} sort it out',
];

/** Questions to the brand: how-to, availability, account queries. */
export const QUESTIONS: ReadonlyArray<string> = [
  '{handle} does {feature} work in {city}? Travelling next week',
  'Anyone know if {brand} charges for withdrawing cash abroad?',
  'How long does a {brand} card take to arrive? Ordered {when}',
  '{handle} is there a way to export statements as CSV?',
  'Is {product} worth it or is the free plan enough? {emojiMeh}',
  'Does {brand} work with Apple Pay on {device}?',
  '{handle} when is {feature} coming to Android?',
  'Can I add {person} to a joint account in {brand} without them visiting a branch?',
  'Thinking of moving from {rival} to {brand}, anything I should know first?',
  '{handle} how do I change the PIN on my {product}?',
  'Is it safe to keep my savings in {brand}? FSCS protected?',
  'Does anyone else get interest paid monthly on the {brand} savings pot or is it yearly?',
  '{handle} what happens to my pots if I downgrade from {product}?',
  'quick q: can {brand} do international transfers to the US?',
  'Where do I find my sort code in the new {brand} app?',
];

/** Neutral chatter: news, sightings, comparisons, jokes, job posts. */
export const CHATTER: ReadonlyArray<string> = [
  'Saw a huge {brand} ad at the train station {when}',
  '{brandFull} announces new office in Manchester, 300 jobs {url}',
  'Comparing {brand} vs {rival} for travel, spreadsheet incoming {emojiMeh}',
  '{person} just asked me what {brand} is. explaining fintech at dinner again',
  '{brand} vs {rival} thread. which one do you use and why?',
  'Interesting read on how {brand} does fraud detection {url}',
  'Just opened a {brand} account to try {feature}, will report back',
  '{brand} is hiring backend engineers apparently {url}',
  'Is it me or does every bank app look like {brand} now',
  'podcast this week: we talk {brand}, {rival} and whether neobanks will last {url}',
  'the {brand} card colour is growing on me',
  '{brandFull} quarterly update: 4m customers {url} {hashtag}',
  'moving banks is such admin. {brand} or {rival}, pick for me',
  'New {brand} TV advert with the dog is on again',
  "Reading the {brand} terms update so you don't have to. Tl;dr: nothing big {url}",
];
