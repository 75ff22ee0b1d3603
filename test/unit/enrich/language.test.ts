import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../electron/core/pipeline/enrich';

describe('detectLanguage', () => {
  it.each([
    ['en', 'I have been waiting for my refund for two weeks and nobody is answering'],
    ['es', 'Llevo dos semanas esperando el reembolso y nadie me responde, es una vergüenza'],
    ['pt', 'Estou esperando o reembolso há duas semanas e ninguém me responde, que vergonha'],
    ['fr', "J'attends mon remboursement depuis deux semaines et personne ne me répond"],
    ['de', 'Ich warte seit zwei Wochen auf meine Erstattung und niemand antwortet mir'],
    ['it', 'Aspetto il rimborso da due settimane e nessuno mi risponde, che vergogna'],
    ['nl', 'Ik wacht al twee weken op mijn terugbetaling en niemand reageert'],
    ['tr', 'İki haftadır para iadesini bekliyorum ve kimse cevap vermiyor, bu çok kötü'],
    ['id', 'Saya sudah menunggu refund dua minggu dan tidak ada yang menjawab'],
    ['ru', 'Я жду возврат денег уже две недели, и никто не отвечает'],
    ['uk', 'Я чекаю на повернення коштів вже два тижні, і ніхто не відповідає'],
    ['ja', '返金を二週間待っていますが、誰も返事をくれません'],
    ['ko', '환불을 2주째 기다리고 있는데 아무도 답하지 않아요'],
    ['zh', '我已经等了两个星期的退款，没有人回复我'],
    ['ar', 'أنتظر استرداد أموالي منذ أسبوعين ولا أحد يرد'],
  ])('detects %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('reads a short Spanish question by its opening mark, which no other language writes', () => {
    expect(detectLanguage('¿Alguien sabe si Nimbus funciona en México?')).toBe('es');
    expect(detectLanguage('¡Nimbus otra vez caído!')).toBe('es');
    expect(detectLanguage('Is Nimbus down in Mexico?')).toBe('en');
  });

  it('answers "und" for short or symbol-only texts', () => {
    for (const t of ['ok', 'lol', '😡😡😡', '', '!!!', '@brand https://example.com/x'])
      expect(detectLanguage(t), t).toBe('und');
  });

  it('does not let URLs and handles decide', () => {
    expect(detectLanguage('@el_que_de_la https://es.example.com/el/de/la the app is down again and I cannot pay')).toBe(
      'en',
    );
  });
});
