/**
 * Slot vocabularies for the simulator's post templates. A template writes `{slot}` for one of these lists
 * and `[a|b|c]` for an inline choice; `{brand}`, `{brandFull}`, `{handle}`, `{tag}` and `{site}` come from
 * config, and slot values may use them too.
 */
export const SLOTS: Readonly<Record<string, ReadonlyArray<string>>> = {
  feature: [
    'instant transfers', 'savings pots', 'the budgeting tab', 'Apple Pay', 'Google Pay', 'the virtual card',
    'round-ups', 'bill splitting', 'spending insights', 'Face ID login', 'the new card controls', 'salary sorter',
    'the travel mode', 'overdraft alerts', 'the shared pot', 'scheduled payments', 'the freeze card button',
    'dark mode', 'the subscriptions tracker', 'the widget',
  ],
  product: ['{brand} Metal card', '{brand} Plus', 'the joint account', '{brand} Business', 'the kids account', 'the savings account'],
  place: [
    'Tesco', 'Lidl', 'the airport', 'Starbucks', 'a petrol station in Leeds', 'a cafe in Porto', 'Amazon',
    'IKEA', 'the train station', 'a bar in Dublin', 'Aldi', 'the pharmacy', 'a market in Madrid', 'Sainsburys',
    'the gym', 'Pret', 'the cinema', 'Boots', 'a kebab shop', 'the car park',
  ],
  city: ['Lisbon', 'Berlin', 'Barcelona', 'Amsterdam', 'Tokyo', 'New York', 'Paris', 'Krakow', 'Rome', 'Dubai', 'Bali'],
  amount: [
    '£4.50', '£12', '£23.99', '£60', '£150', '£340', '£1,200', '€9.80', '€45', '€220', '$18', '$75', '£2.99',
    '£89.00', '€1,050', '£500', '£7.20',
  ],
  when: [
    'this morning', 'last night', 'an hour ago', 'yesterday', 'on Friday', 'on Tuesday', 'at lunch',
    'just now', 'two days ago', 'over the weekend', 'earlier today', 'at 3am',
  ],
  wait: ['20 minutes', '45 mins', 'an hour', '2 hours', '3 days', 'a week', 'five days', '10 days'],
  shortWait: ['10 minutes', '20 mins', 'half an hour', 'an hour', '15 minutes', 'ages'],
  person: ['my partner', 'my mum', 'my flatmate', 'my brother', 'a friend', 'my dad', 'my sister', 'my boss', 'my gran'],
  device: ['iPhone 15', 'iPhone 13', 'Pixel 8', 'Galaxy S23', 'iPad', 'OnePlus 11', 'Pixel 7a', 'iPhone SE', 'Galaxy A54'],
  os: ['iOS 18.1', 'iOS 17.6', 'Android 15', 'Android 14', 'iPadOS 18'],
  version: ['4.12.1', '4.12.0', '4.11.3', '4.13.0', '4.12.2'],
  rival: ['Monzo', 'Revolut', 'Starling', 'Chase', 'my old bank', 'Barclays', 'N26', 'Wise', 'HSBC'],
  good: ['brilliant', 'so good', 'amazing', 'class', 'a lifesaver', 'spot on', 'genuinely great', 'slick', 'ace', 'fab'],
  bad: ['useless', 'a joke', 'ridiculous', 'so frustrating', 'unacceptable', 'shocking', 'a nightmare', 'pathetic'],
  support: ['the in-app chat', 'support', 'customer service', 'the help chat', 'the phone line', 'your team'],
  emojiHappy: ['🙌', '🔥', '💯', '😍', '👏', '✨', '🥳', '💸', '😊', '👌'],
  emojiAngry: ['😡', '🤬', '😤', '🙄', '😩', '💀', '😭', '🤦', '😠'],
  emojiMeh: ['🤔', '👀', '🤷', '😅', '🧐'],
  url: [
    'https://status.{site}/incidents', 'https://{site}/help/cards', 'https://{site}/blog/cashback',
    'https://imgur.com/a/x7Kq2Lp', 'https://youtu.be/dQw4w9WgXcQ', 'https://{site}/fees', 'https://bit.ly/3nMbQ9z',
  ],
  hashtag: ['#fintech', '#banking', '#money', '#personalfinance', '#customerservice', '#mobilebanking', '#savings'],
  subreddit: ['{brand}Bank', 'UKPersonalFinance', 'personalfinance', 'fintech', 'banking', 'povertyfinance', 'europe'],
  error: ['error 503', 'error 500', 'error code 1042', 'error 401', 'a blank white screen', 'an endless spinner'],
};
