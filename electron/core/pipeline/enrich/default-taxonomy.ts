import type { Taxonomy } from './taxonomy';

const terms = (list: string): string[] =>
  list
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

/**
 * Earshot's default service-failure taxonomy. Brands extend or trim it with `mergeTaxonomy`; patterns are
 * whole words, `*` a prefix, `#` a digit (see TermSchema).
 */
export const DEFAULT_TAXONOMY: Taxonomy = {
  topics: [
    {
      id: 'outage',
      label: 'Outage / down',
      terms:
        terms(`outage* | is down | are down | was down | still down | down again | goes down | went down | gone down |
        site down | app down | website down | server down | servers down | system down | systems down | service down |
        down for everyone | not working | isn't working | aren't working | stopped working | doesn't work | won't load |
        not loading | unavailable | error 5## | 5## error | offline | can't connect | cannot connect | unable to connect |
        connection error | no service | disruption* | interruption* | maintenance | unreachable | timed out | timeout*`),
      exclude: terms('down payment | not working out | working on it'),
    },
    {
      id: 'login',
      label: 'Login / account',
      terms: terms(`log in | login* | log into | logged out | logging in | log on | sign in | signin | signed out |
        can't sign | password* | passcode | locked out | account locked | locked my account | 2fa | two factor |
        verification code | otp | authenticat* | credentials | username | access my account | account suspended |
        account blocked | account frozen | face id | touch id`),
      exclude: [],
    },
    {
      id: 'payment',
      label: 'Payment / billing',
      terms: terms(`payment* | billing | billed | bill | charged | charges | charge me | double charged | overcharg* |
        card declined | declined | transaction* | invoice* | direct debit | transfer* | deposit* | withdraw* |
        checkout | credit card | debit card | pending payment | payment failed | apple pay | google pay`),
      exclude: [],
    },
    {
      id: 'refund',
      label: 'Refund',
      terms: terms(
        'refund* | money back | reimburs* | chargeback | compensat* | my money | credit back | give me back',
      ),
      exclude: [],
    },
    {
      id: 'delivery',
      label: 'Delivery / delay',
      terms: terms(`deliver* | delay* | late | shipping | shipped | shipment | parcel | package | courier | tracking |
        still waiting | never arrived | hasn't arrived | not arrived | never came | hasn't come | where is my order |
        where's my order | on its way | dispatch* | eta | behind schedule | running late | hours late | stuck in`),
      exclude: terms('late night | better late than never'),
    },
    {
      id: 'cancellation',
      label: 'Cancellation',
      terms: terms(`cancel* | canceled | cancelled | unsubscribe | terminate my | termination | close my account |
        closing my account | end my subscription | stop my subscription`),
      exclude: [],
    },
    {
      id: 'customer_service',
      label: 'Customer service',
      terms: terms(`customer service | customer care | customer support | support team | on hold | hold music |
        call center | call centre | agent* | representative* | rep | no response | no reply | not responding to |
        never responded | never replied | ignored | ignoring | hung up | hang up | rude | unhelpful | helpline | hotline |
        live chat | chat support | nobody answers | no one answers | no one answered | answer the phone | pick up the phone |
        phone line* | staff | manager | supervisor | waited on hold | hold for | hours on the phone | callback | call back |
        no one answering | nobody answering | no one is answering | answering the phone | answer my call* | call me |
        called | calling | phone | phones | wait time | hold time | get through | got through | heard back |
        don't respond | doesn't respond | didn't respond | won't respond | respond to | response | reply | replied |
        replying | dm | dms | direct message | contact | contacted | contacting | queue | complaint* | help desk |
        helpdesk | email back | emailed`),
      exclude: [],
    },
    {
      id: 'app_bug',
      label: 'App bug / crash',
      terms: terms(`crash* | bug | bugs | buggy | glitch* | freez* | frozen | keeps closing | force clos* | won't open |
        doesn't open | blank screen | white screen | black screen | error message | error code | latest update |
        new update | after the update | since the update | app not | app is not | app won't | app doesn't | app keeps |
        app broken | app is broken | loading screen | not responding | spinning wheel`),
      exclude: [],
    },
    {
      id: 'security',
      label: 'Security / fraud',
      terms:
        terms(`fraud* | scam* | hack* | phishing | stolen | unauthori* | suspicious | identity theft | compromised |
        breach* | data leak | leaked | security | someone used my | spoof* | impersonat*`),
      exclude: [],
    },
    {
      id: 'pricing',
      label: 'Pricing',
      terms:
        terms(`price* | pricing | expensive | overpriced | fee | fees | too much money | costs | cost me | rip off | ripoff |
        hidden fee* | price increase | price hike | raised prices | rates went up | more expensive | not worth the money`),
      exclude: [],
    },
  ],
};
