package segment

import (
	"strings"
	"testing"
)

// TestAbbreviationBeforeNumber: a month or a reference abbreviation
// (section, paragraph, figure, volume, page...) before a number continues
// the sentence; a sentence seldom starts with a digit after an
// abbreviation. A month written short still ends a sentence before a
// capital letter, and a full word before a number still ends one.
func TestAbbreviationBeforeNumber(t *testing.T) {
	checkSplits(t, []splitCase{
		// Months between a day and a year.
		{"ru", "Договор подписан 12 февр. 2019 г. в Женеве.", []string{"Договор подписан 12 февр. 2019 г. в Женеве."}},
		{"ru", "Совещание перенесли на 3 нояб. 2022 г. по просьбе сторон.", []string{"Совещание перенесли на 3 нояб. 2022 г. по просьбе сторон."}},
		{"ru", "Заявки принимают с 1 авг. 2023 г. по 15 сен. 2023 г. включительно.", []string{"Заявки принимают с 1 авг. 2023 г. по 15 сен. 2023 г. включительно."}},
		{"ru", "Выставка открылась в дек. 2018 г. в Казани.", []string{"Выставка открылась в дек. 2018 г. в Казани."}},
		{"ru", "Отчёт сдан 30 апр. 2021 г. Его приняли без правок.", []string{"Отчёт сдан 30 апр. 2021 г.", "Его приняли без правок."}},
		{"ru", "Срок истекает 15 дек. Продлить его нельзя.", []string{"Срок истекает 15 дек.", "Продлить его нельзя."}},
		{"en", "The survey ran from 4 Feb. 2020 to 9 Nov. 2021 in three towns.", []string{"The survey ran from 4 Feb. 2020 to 9 Nov. 2021 in three towns."}},
		// Reference abbreviations before their number.
		{"ru", "Согласно абз. 4 п. 2 ст. 15 закона, срок продлён.", []string{"Согласно абз. 4 п. 2 ст. 15 закона, срок продлён."}},
		{"ru", "Это описано в разд. 3 и показано на илл. 7 в конце книги.", []string{"Это описано в разд. 3 и показано на илл. 7 в конце книги."}},
		{"ru", "Текст вошёл в сб. 5 и вып. 12 журнала.", []string{"Текст вошёл в сб. 5 и вып. 12 журнала."}},
		{"ru", "Подробности приведены в подп. 3 и на рис. 4.", []string{"Подробности приведены в подп. 3 и на рис. 4."}},
		{"ru", "Ответ дан в табл. 2, т. 3, с. 45, стр. 46 и гл. 5.", []string{"Ответ дан в табл. 2, т. 3, с. 45, стр. 46 и гл. 5."}},
		{"ru", "Схема показана на диагр. 2, вывод — в ур. 3.", []string{"Схема показана на диагр. 2, вывод — в ур. 3."}},
		{"en", "See Sect. 4 and Subsec. 2.1 for the details.", []string{"See Sect. 4 and Subsec. 2.1 for the details."}},
		{"en", "The proof is in Appx. 2, with the data in Tab. 3.", []string{"The proof is in Appx. 2, with the data in Tab. 3."}},
		{"en", "Compare Ex. 5 with Thm. 2, Eqs. 7 and 8, and Chap. 3.", []string{"Compare Ex. 5 with Thm. 2, Eqs. 7 and 8, and Chap. 3."}},
		{"en", "It appeared in Vol. 12, No. 3, pp. 45–67 and Suppl. 2.", []string{"It appeared in Vol. 12, No. 3, pp. 45–67 and Suppl. 2."}},
		// A full word before a number ends the sentence as before.
		{"ru", "Он вернулся домой. 5 лет спустя всё изменилось.", []string{"Он вернулся домой.", "5 лет спустя всё изменилось."}},
		{"ru", "Ему тогда было 5 лет. 10 лет спустя он уехал.", []string{"Ему тогда было 5 лет.", "10 лет спустя он уехал."}},
		{"ru", "Все вернулись из экспедиции. 12 человек получили награды.", []string{"Все вернулись из экспедиции.", "12 человек получили награды."}},
		{"en", "Most of the players have left now. 18 holes remain.", []string{"Most of the players have left now.", "18 holes remain."}},
		{"en", "Close the tab. Then reload the page.", []string{"Close the tab.", "Then reload the page."}},
	})
}

// TestSeeBeforeReferent: "см." (смотри) and "ср." (сравни), English "cf."
// and "see", never end a sentence before what they refer to: a
// capitalised word, a quotation or a number; "см." after a number is a
// centimetre, which ends a sentence before a capital letter.
func TestSeeBeforeReferent(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "См. Приложение 2 к настоящему договору.", []string{"См. Приложение 2 к настоящему договору."}},
		{"ru", "Подробнее см. Раздел 4.", []string{"Подробнее см. Раздел 4."}},
		{"ru", "Об этом см. «Вестник МГУ», 2019, № 3.", []string{"Об этом см. «Вестник МГУ», 2019, № 3."}},
		{"ru", "Условия изменены (см. Таблицу 1) по решению совета.", []string{"Условия изменены (см. Таблицу 1) по решению совета."}},
		{"ru", "См. также Статью 7 и ср. Главу 3.", []string{"См. также Статью 7 и ср. Главу 3."}},
		{"ru", "См. сб. 2, с. 14.", []string{"См. сб. 2, с. 14."}},
		{"ru", "Длина отрезка 5 см. Ширина 3 см.", []string{"Длина отрезка 5 см.", "Ширина 3 см."}},
		{"ru", "Рост ребёнка — 110 см. Вес — 19 кг.", []string{"Рост ребёнка — 110 см.", "Вес — 19 кг."}},
		{"en", "For the figures, cf. Table 2 and see Fig. 4.", []string{"For the figures, cf. Table 2 and see Fig. 4."}},
		{"en", "See Ch. 3. It explains the method.", []string{"See Ch. 3.", "It explains the method."}},
	})
}

// TestRangeBeforeEra: a range of centuries or years before "вв." or
// "гг." opens the sentence as one century or year does, however the range
// is dashed; a range at the end of a sentence still ends it.
func TestRangeBeforeEra(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "В XVIII–XIX вв. Франция воевала часто.", []string{"В XVIII–XIX вв. Франция воевала часто."}},
		{"ru", "В XIX—XX вв. Европа сильно изменилась.", []string{"В XIX—XX вв. Европа сильно изменилась."}},
		{"ru", "В XV-XVI вв. Италия процветала.", []string{"В XV-XVI вв. Италия процветала."}},
		{"ru", "В XVI – XVII вв. Польша была сильна.", []string{"В XVI – XVII вв. Польша была сильна."}},
		{"ru", "В ХVII–ХVIII вв. Москва отстраивалась.", []string{"В ХVII–ХVIII вв. Москва отстраивалась."}},
		{"ru", "В 1920–1930 гг. Москва быстро росла.", []string{"В 1920–1930 гг. Москва быстро росла."}},
		{"ru", "В 1990-е – 2000-е гг. Китай рос быстрее всех.", []string{"В 1990-е – 2000-е гг. Китай рос быстрее всех."}},
		{"ru", "В конце XVIII – начале XIX в. Россия расширилась.", []string{"В конце XVIII – начале XIX в. Россия расширилась."}},
		{"ru", "На рубеже XIX–XX вв. Австрия распалась.", []string{"На рубеже XIX–XX вв. Австрия распалась."}},
		{"ru", "Во второй половине 1960-х гг. Япония разбогатела.", []string{"Во второй половине 1960-х гг. Япония разбогатела."}},
		{"ru", "Между 1990 и 2000 гг. Китай вырос.", []string{"Между 1990 и 2000 гг. Китай вырос."}},
		{"ru", "В 1920-е и 1930-е гг. Москва росла.", []string{"В 1920-е и 1930-е гг. Москва росла."}},
		// Roman numerals typed with the Cyrillic Х and І.
		{"ru", "В ХІХ в. Европа изменилась.", []string{"В ХІХ в. Европа изменилась."}},
		{"ru", "Это было в ХХ в. Россия тогда изменилась.", []string{"Это было в ХХ в.", "Россия тогда изменилась."}},
		{"ru", "Храм построен в ХVII–ХVIII вв. Сейчас это музей.", []string{"Храм построен в ХVII–ХVIII вв.", "Сейчас это музей."}},
		{"ru", "Это было в XVIII–XIX вв. Франция тогда воевала.", []string{"Это было в XVIII–XIX вв.", "Франция тогда воевала."}},
		{"ru", "Расцвет пришёлся на 1920–1930 гг. Затем начался упадок.", []string{"Расцвет пришёлся на 1920–1930 гг.", "Затем начался упадок."}},
	})
}

// TestReportingClauseAfterQuote: a quoted question or exclamation followed
// by its reporting clause ("I said", "Anna asked", "— Маша спросила") is
// one sentence, whether the clause starts with a capital or not; another
// sentence after the quotation is one of its own.
func TestReportingClauseAfterQuote(t *testing.T) {
	checkSplits(t, []splitCase{
		{"en", `"Stop!" I shouted, but nobody heard.`, []string{`"Stop!" I shouted, but nobody heard.`}},
		{"en", `"Is it far?" Anna asked.`, []string{`"Is it far?" Anna asked.`}},
		{"en", "“Why now?” Mr Lee wondered aloud.", []string{"“Why now?” Mr Lee wondered aloud."}},
		{"en", `"Really?" I said. "Yes."`, []string{`"Really?" I said.`, `"Yes."`}},
		{"en", `"Why?" he asked.`, []string{`"Why?" he asked.`}},
		{"en", `"Help!" Then the line went dead.`, []string{`"Help!"`, "Then the line went dead."}},
		{"en", `"Run!" I ran to the door.`, []string{`"Run!"`, "I ran to the door."}},
		{"en", `"Do you?" She continued, "I do not."`, []string{`"Do you?"`, `She continued, "I do not."`}},
		{"ru", "«Кто там?» Она спросила ещё раз.", []string{"«Кто там?»", "Она спросила ещё раз."}},
		{"ru", "«Кто там?» — Маша спросила шёпотом.", []string{"«Кто там?» — Маша спросила шёпотом."}},
		{"ru", "«Неужели?» Иван Петрович удивился.", []string{"«Неужели?» Иван Петрович удивился."}},
		{"ru", "«Зачем?» — спросил он.", []string{"«Зачем?» — спросил он."}},
		{"ru", "«Пожар!» Все бросились к выходу.", []string{"«Пожар!»", "Все бросились к выходу."}},
		{"zh", "“你去哪儿？”我问他。", []string{"“你去哪儿？”我问他。"}},
		// A quotation that a colon or a comma introduces has had its
		// reporting clause before it: a capitalised name and a verb
		// after it begin a sentence of their own, as in Chinese
		// (他说：“好！”大家都笑了。), in either script, under any rules.
		{"en", `He said: "Fine!" Everyone laughed.`, []string{`He said: "Fine!"`, "Everyone laughed."}},
		{"en", "He said: “Fine!” Everyone laughed.", []string{"He said: “Fine!”", "Everyone laughed."}},
		{"en", `He asked: "Why?" Nobody answered.`, []string{`He asked: "Why?"`, "Nobody answered."}},
		{"en", `He said, "Stop!" Anna laughed.`, []string{`He said, "Stop!"`, "Anna laughed."}},
		{"ru", `He asked: "Why?" Nobody answered.`, []string{`He asked: "Why?"`, "Nobody answered."}},
		{"ru", "Он спросил: «Почему?» Маша ответила.", []string{"Он спросил: «Почему?»", "Маша ответила."}},
		{"en", "Он спросил: „Почему?“ Маша ответила.", []string{"Он спросил: „Почему?“", "Маша ответила."}},
		{"en", `He shouted "Stop!" and ran.`, []string{`He shouted "Stop!" and ran.`}},
	})
	// A project adds its own verbs with a rule file.
	r := MustFor("en")
	text := `"Now?" Anna grumbled.`
	if got := Strings(r, text); len(got) != 2 {
		t.Errorf("before the rule: %q", got)
	}
	if err := r.Read(strings.NewReader("speech-verbs grumbled\n"), "extra.txt"); err != nil {
		t.Fatal(err)
	}
	if got := Strings(r, text); len(got) != 1 {
		t.Errorf("after the rule: %q", got)
	}
	if err := r.Read(strings.NewReader("speech-verbs Grumbled\n"), "bad.txt"); err == nil || !strings.Contains(err.Error(), "bad.txt:1:1") {
		t.Errorf("a capitalised verb: %v", err)
	}
}

// TestPostfixAbbreviation: an abbreviation that follows what it names
// ("Ленинградская обл.", "Невский просп.", "Baker St.") ends the sentence
// before a capitalised word that only begins sentences, and continues it
// before a name; after a price, a one-word sentence ("Недорого.") or a
// question word is no oblique complement of the sentence before.
func TestPostfixAbbreviation(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "Он вырос в Ленинградской обл. Там прошло его детство.", []string{"Он вырос в Ленинградской обл.", "Там прошло его детство."}},
		{"ru", "Офис находится на Тверской ул. Это самый центр.", []string{"Офис находится на Тверской ул.", "Это самый центр."}},
		{"ru", "Музей стоит на Невском просп. Туда легко добраться.", []string{"Музей стоит на Невском просп.", "Туда легко добраться."}},
		{"ru", "Мы жили в Кировском р-не. Он был тихим.", []string{"Мы жили в Кировском р-не.", "Он был тихим."}},
		{"ru", "Он живёт на ул. Мира в доме 5.", []string{"Он живёт на ул. Мира в доме 5."}},
		{"ru", "Проезд до ул. В. Пика закрыт.", []string{"Проезд до ул. В. Пика закрыт."}},
		{"ru", "Дача в Московской обл. Зелёный город давно продана.", []string{"Дача в Московской обл. Зелёный город давно продана."}},
		{"ru", "Билет стоит 300 руб. Недорого.", []string{"Билет стоит 300 руб.", "Недорого."}},
		{"ru", "Обед обошёлся в 5 руб. 40 коп. Немного.", []string{"Обед обошёлся в 5 руб. 40 коп.", "Немного."}},
		{"ru", "Он заплатил 100 руб. Почему? Никто не знает.", []string{"Он заплатил 100 руб.", "Почему?", "Никто не знает."}},
		{"ru", "Премия присуждена в 1958 г. Пастернаку.", []string{"Премия присуждена в 1958 г. Пастернаку."}},
		{"en", "She lives on Baker St. The house is old.", []string{"She lives on Baker St.", "The house is old."}},
		{"en", "The office is on Fifth Ave. It opens at nine.", []string{"The office is on Fifth Ave.", "It opens at nine."}},
		{"en", "St. Petersburg is cold in winter.", []string{"St. Petersburg is cold in winter."}},
		{"en", "Take the bus to Oak Rd. The stop is near.", []string{"Take the bus to Oak Rd.", "The stop is near."}},
		// Question words begin sentences, but open a quoted title after
		// an author's initials.
		{"ru", "Источник: Сидоров С. «Почему растут цены?» (М., 2018).", []string{"Источник: Сидоров С. «Почему растут цены?» (М., 2018)."}},
		{"ru", "Письмо подписал Сидоров С. Почему не Петров?", []string{"Письмо подписал Сидоров С.", "Почему не Петров?"}},
	})
	// A project's own: "мкр." (микрорайон) before and after its name.
	r := MustFor("ru")
	before, after := "Живём в мкр. Северный с 2010 года.", "Живём в Южном мкр. Там есть парк."
	if got := Strings(r, before); len(got) != 2 {
		t.Errorf("an unknown abbreviation: %q", got)
	}
	if err := r.Read(strings.NewReader("post мкр.\n"), "extra.txt"); err != nil {
		t.Fatal(err)
	}
	if got := Strings(r, before); len(got) != 1 {
		t.Errorf("post мкр.: %q", got)
	}
	if got := Strings(r, after); len(got) != 2 {
		t.Errorf("post мкр.: %q", got)
	}
}

// TestLatinSentenceInChinese: a Latin sentence with a half-width stop,
// followed by Chinese, ends at its stop; a Latin abbreviation or
// initialism before Chinese does not.
func TestLatinSentenceInChinese(t *testing.T) {
	checkSplits(t, []splitCase{
		{"zh", "我說。Hello. 再見。", []string{"我說。", "Hello.", "再見。"}},
		{"zh", "他只会说一句 Thank you very much. 然后就走了。", []string{"他只会说一句 Thank you very much.", "然后就走了。"}},
		{"zh", "标语写着 Welcome to Beijing.欢迎大家。", []string{"标语写着 Welcome to Beijing.", "欢迎大家。"}},
		{"zh", "美国 U.S. 政府宣布了新政策。", []string{"美国 U.S. 政府宣布了新政策。"}},
		{"zh", "他在 Apple Inc. 工作了十年。", []string{"他在 Apple Inc. 工作了十年。"}},
		{"zh", "会议在下午 3 p.m. 开始。", []string{"会议在下午 3 p.m. 开始。"}},
		{"zh", "他读了 Dr. 张的文章。", []string{"他读了 Dr. 张的文章。"}},
		{"zh", "作者 J. 王 写了这本书。", []string{"作者 J. 王 写了这本书。"}},
	})
}

// TestHeadingLine: a line "Label N. Title" (an article, chapter, figure or
// section heading, a table of contents entry) whose title has no stop of
// its own is one segment, and the line after it begins another; the same
// words in running text split as before. A title with a stop of its own
// after a label of the rules, and the sentences after it on the line, are
// TestLabelRunIn's.
func TestHeadingLine(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "Статья 1. Общие положения", []string{"Статья 1. Общие положения"}},
		{"ru", "Глава 3. Детство и юность", []string{"Глава 3. Детство и юность"}},
		{"ru", "Раздел IV. Заключительные положения", []string{"Раздел IV. Заключительные положения"}},
		{"ru", "Статья 3.1. Права сторон", []string{"Статья 3.1. Права сторон"}},
		{"ru", "Рис. 2. Схема опыта", []string{"Рис. 2. Схема опыта"}},
		{"ru", "Статья 12. Права сторон ........ 7", []string{"Статья 12. Права сторон ........ 7"}},
		{"ru", "§ 3. Общие правила", []string{"§ 3. Общие правила"}},
		{"ru", "Таблица 2. Доходы населения, млн руб.", []string{"Таблица 2. Доходы населения, млн руб."}},
		{"en", "Chapter 2. The Early Years", []string{"Chapter 2. The Early Years"}},
		{"en", "Figure 3. Results of the survey", []string{"Figure 3. Results of the survey"}},
		{"ru", "Статья 1. Общие положения\nСтатья 2. Сфера действия", []string{"Статья 1. Общие положения", "Статья 2. Сфера действия"}},
		{"ru", "Глава 3. Детство\nЯ родился в 2001 г. В деревне было тихо.", []string{"Глава 3. Детство", "Я родился в 2001 г.", "В деревне было тихо."}},
		{"ru", "Глава 3. Детство в деревне\nи в городе", []string{"Глава 3. Детство в деревне\nи в городе"}},
		{"en", "Part II. The Return\nThe ship came home in May.", []string{"Part II. The Return", "The ship came home in May."}},
		// Running text and titles with a stop split as before.
		{"ru", "Это статья 1. Она важна.", []string{"Это статья 1.", "Она важна."}},
		{"ru", "Прочтите статью 5. Там всё сказано", []string{"Прочтите статью 5.", "Там всё сказано"}},
		{"ru", "Ему исполнилось 5. Праздник был весёлым.", []string{"Ему исполнилось 5.", "Праздник был весёлым."}},
		{"en", "Read chapter 2. The rest can wait", []string{"Read chapter 2.", "The rest can wait"}},
		// A placeholder for the number, as a CAT tool or a document's
		// field shows it, and a letter after a caption or heading label
		// of the rules.
		{"ru", "Таблица {SEQ}. Товарооборот", []string{"Таблица {SEQ}. Товарооборот"}},
		{"ru", "Таблица {1}. Товарооборот России и Китая, млрд долл.", []string{"Таблица {1}. Товарооборот России и Китая, млрд долл."}},
		{"ru", `Таблица { SEQ Таблица \* ARABIC }. Товарооборот`, []string{`Таблица { SEQ Таблица \* ARABIC }. Товарооборот`}},
		{"ru", "Рисунок \ufffc. Схема опыта", []string{"Рисунок \ufffc. Схема опыта"}},
		{"ru", "Рисунок А.1. Схема опыта", []string{"Рисунок А.1. Схема опыта"}},
		{"ru", "Рис. 2а. Схема опыта", []string{"Рис. 2а. Схема опыта"}},
		{"ru", "Приложение Б. Формы документов\nТекст приложения начинается здесь.", []string{"Приложение Б. Формы документов", "Текст приложения начинается здесь."}},
		{"en", "Table <x1/>. Trade turnover", []string{"Table <x1/>. Trade turnover"}},
		{"en", "Figure A.1. Layout of the plant", []string{"Figure A.1. Layout of the plant"}},
		{"en", "Appendix B. Forms\nThe forms are below.", []string{"Appendix B. Forms", "The forms are below."}},
		{"en", "Table B-3. Results", []string{"Table B-3. Results"}},
		{"zh", "表1。贸易额", []string{"表1。贸易额"}},
		{"zh", "表 {1}。贸易额（亿美元）", []string{"表 {1}。贸易额（亿美元）"}},
		{"zh", "附表2．各省数据", []string{"附表2．各省数据"}},
		{"zh", "图三。结构图\n如图所示，结构很简单。", []string{"图三。结构图", "如图所示，结构很简单。"}},
		{"zh", "附录A。表格", []string{"附录A。表格"}},
		// Not a label and its number, or a title with an end mark: split
		// as before.
		{"ru", "Это {1}. Оно важно", []string{"Это {1}.", "Оно важно"}},
		{"ru", "Таблица {1} и {2}. Итоги", []string{"Таблица {1} и {2}.", "Итоги"}},
		{"zh", "表示同意。他走了。", []string{"表示同意。", "他走了。"}},
		{"zh", "图书馆1。很好", []string{"图书馆1。", "很好"}},
		{"zh", "他看了表1。贸易额很高", []string{"他看了表1。", "贸易额很高"}},
	})
}

// TestLabelRunIn: the stop after a caption or heading label of the rules
// and its number never ends a sentence when a title follows on the same
// line, whatever follows the title: the title's own end mark ends the
// segment, and the sentences after it split as usual. A capitalised word
// that is no label of the rules, a label in running text or a label whose
// title is on the next line split as before.
func TestLabelRunIn(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "Рис. 2. Схема поставок газа. Источник: ФТС.", []string{"Рис. 2. Схема поставок газа.", "Источник: ФТС."}},
		{"ru", "Таблица 3. Товарооборот России и Китая, млрд долл. Источник: ФТС.", []string{"Таблица 3. Товарооборот России и Китая, млрд долл.", "Источник: ФТС."}},
		{"ru", "Статья 5. Стороны сотрудничают в области энергетики. Они обмениваются данными.", []string{"Статья 5. Стороны сотрудничают в области энергетики.", "Они обмениваются данными."}},
		{"ru", "§ 3. Общие правила. Правила обязательны.", []string{"§ 3. Общие правила.", "Правила обязательны."}},
		{"ru", "Глава II. Детство. Я родился в 2001 г. В деревне было тихо.", []string{"Глава II. Детство.", "Я родился в 2001 г.", "В деревне было тихо."}},
		{"ru", "Глава 1. Детство. Отрочество", []string{"Глава 1. Детство.", "Отрочество"}},
		{"ru", "Таблица {1}. Итоги подведены.", []string{"Таблица {1}. Итоги подведены."}},
		{"ru", "Приложение А. Формы документов! Заполните их.", []string{"Приложение А. Формы документов!", "Заполните их."}},
		{"ru", "Текст до подписи.\nРис. 2. Схема. Источник: ФТС.", []string{"Текст до подписи.", "Рис. 2. Схема.", "Источник: ФТС."}},
		{"en", "Fig. 2. Supply chain. Source: FCS.", []string{"Fig. 2. Supply chain.", "Source: FCS."}},
		{"en", "Table 1. Trade turnover. Source: customs data.", []string{"Table 1. Trade turnover.", "Source: customs data."}},
		{"en", "Article 5. The Parties shall cooperate. They shall meet yearly.", []string{"Article 5. The Parties shall cooperate.", "They shall meet yearly."}},
		{"en", "Appendix A. Forms. Fill them in.", []string{"Appendix A. Forms.", "Fill them in."}},
		{"zh", "表1。贸易额。资料来源：海关总署。", []string{"表1。贸易额。", "资料来源：海关总署。"}},
		{"zh", "表1。贸易额增长了。我们看到了。", []string{"表1。贸易额增长了。", "我们看到了。"}},
		{"zh", "图三。结构图。如图所示，结构很简单。", []string{"图三。结构图。", "如图所示，结构很简单。"}},
		// Not a label of the rules, not at the start of a line, or the
		// title on the next line: the stop ends the sentence.
		{"ru", "Рост составил 5. Это много.", []string{"Рост составил 5.", "Это много."}},
		{"ru", "Итог 5. Это много.", []string{"Итог 5.", "Это много."}},
		{"ru", "Итог за 2001 г. составил 5. Далее рост.", []string{"Итог за 2001 г. составил 5.", "Далее рост."}},
		{"ru", "См. таблицу 3. Источник: ФТС.", []string{"См. таблицу 3.", "Источник: ФТС."}},
		{"ru", "Данные приведены ниже. Таблица 3. Итоги подведены.", []string{"Данные приведены ниже.", "Таблица 3.", "Итоги подведены."}},
		{"ru", "Таблица 3.\nИтоги подведены.", []string{"Таблица 3.", "Итоги подведены."}},
		{"en", "See Table 2. The data agree.", []string{"See Table 2.", "The data agree."}},
		{"en", "Growth was 5. That is a lot.", []string{"Growth was 5.", "That is a lot."}},
		{"en", "The results are shown in\nTable 2. The data agree.", []string{"The results are shown in\nTable 2.", "The data agree."}},
		{"ru", "Результаты приведены на\nрис. 2. Они совпадают.", []string{"Результаты приведены на\nрис. 2.", "Они совпадают."}},
		{"en", "Results:\nTable 2. Trade turnover. Source: customs.", []string{"Results:\nTable 2. Trade turnover.", "Source: customs."}},
		{"zh", "他看了表1。贸易额很高。", []string{"他看了表1。", "贸易额很高。"}},
	})
}

// TestLabelLineWithoutStop: a caption or heading line whose label and
// number are followed by a space, a colon or a dash instead of a stop, and
// a title without an end mark, is one segment, and the line after it
// begins another; in Chinese the lines are not glued into one. A label
// line in wrapped prose (the line before it goes on, the title is a
// sentence, or the next line goes on in lower case) is left alone.
func TestLabelLineWithoutStop(t *testing.T) {
	checkSplits(t, []splitCase{
		{"zh", "表1 贸易额（亿美元）\n2021年为1469.3亿美元。", []string{"表1 贸易额（亿美元）", "2021年为1469.3亿美元。"}},
		{"zh", "表1\u3000贸易额\n2021年为1469.3亿美元。", []string{"表1\u3000贸易额", "2021年为1469.3亿美元。"}},
		{"zh", "图2 中俄贸易示意图\n资料来源：海关总署。", []string{"图2 中俄贸易示意图", "资料来源：海关总署。"}},
		{"zh", "第一条 总则\n双方同意如下。", []string{"第一条 总则", "双方同意如下。"}},
		{"zh", "第3章 合作领域\n双方同意如下。", []string{"第3章 合作领域", "双方同意如下。"}},
		{"zh", "表1：贸易额\n2021年。", []string{"表1：贸易额", "2021年。"}},
		{"zh", "如下。\n表2 各省数据\n北京最多。", []string{"如下。", "表2 各省数据", "北京最多。"}},
		{"ru", "Таблица 1 Товарооборот\nВ 2021 г. рост.", []string{"Таблица 1 Товарооборот", "В 2021 г. рост."}},
		{"ru", "Рис. 2 Схема\nИсточник: ФТС.", []string{"Рис. 2 Схема", "Источник: ФТС."}},
		{"ru", "Рисунок 1 — Схема опыта\nОпыт прошёл успешно.", []string{"Рисунок 1 — Схема опыта", "Опыт прошёл успешно."}},
		{"ru", "Статья 5 Сотрудничество\nСтороны сотрудничают.", []string{"Статья 5 Сотрудничество", "Стороны сотрудничают."}},
		{"ru", "Данные:\nТаблица 2: Доходы, млн руб.\nРост заметен.", []string{"Данные:", "Таблица 2: Доходы, млн руб.", "Рост заметен."}},
		{"en", "Table 1 Trade volume\nIn 2021 it grew.", []string{"Table 1 Trade volume", "In 2021 it grew."}},
		{"en", "Results:\nFigure 2: Scheme\nSource: customs.", []string{"Results:", "Figure 2: Scheme", "Source: customs."}},
		// Wrapped prose and titles that go on: as before.
		{"zh", "表1 显示，贸易额\n增长较快。", []string{"表1 显示，贸易额\n增长较快。"}},
		{"zh", "表1所示数据\n增长较快。", []string{"表1所示数据\n增长较快。"}},
		{"zh", "他说\n表1 贸易额\n增长较快。", []string{"他说\n表1 贸易额\n增长较快。"}},
		{"ru", "Глава 3 Детство в деревне\nи в городе.", []string{"Глава 3 Детство в деревне\nи в городе."}},
		{"ru", "Текст.\nРис. 2 показывает рост\nВ 2021 г. рост.", []string{"Текст.", "Рис. 2 показывает рост\nВ 2021 г. рост."}},
		{"ru", "Как видно из\nтаблицы 1 Товарооборот\nВ 2021 г. рост.", []string{"Как видно из\nтаблицы 1 Товарооборот\nВ 2021 г. рост."}},
		{"en", "The data are in\nTable 1 Trade volume\nIn 2021 it grew.", []string{"The data are in\nTable 1 Trade volume\nIn 2021 it grew."}},
		{"en", "see\nTable 1 for details\nand more.", []string{"see\nTable 1 for details\nand more."}},
		{"en", "Table 1 The volume of trade between the two countries grew steadily over the whole decade\nIn 2021 it grew.", []string{"Table 1 The volume of trade between the two countries grew steadily over the whole decade\nIn 2021 it grew."}},
	})
}

// TestAttributionAfterQuote: the source of a quotation, after a dash and up
// to the end of its line, is one segment with the quotation, in every
// language, and the next line begins a sentence; a dash before a sentence
// of its own, with its stop, is no source.
func TestAttributionAfterQuote(t *testing.T) {
	for _, lang := range Languages {
		checkSplits(t, []splitCase{
			{lang, "“合作共赢。”——习近平", []string{"“合作共赢。”——习近平"}},
			{lang, "他说：“合作共赢。”——习近平\n大家鼓掌。", []string{"他说：“合作共赢。”——习近平", "大家鼓掌。"}},
			{lang, "«Мороз и солнце; день чудесный!» — А. С. Пушкин", []string{"«Мороз и солнце; день чудесный!» — А. С. Пушкин"}},
			{lang, "«Я памятник себе воздвиг нерукотворный». — Пушкин\nЭто было в 1836 г.", []string{"«Я памятник себе воздвиг нерукотворный». — Пушкин", "Это было в 1836 г."}},
			{lang, `"The rest is silence." — Shakespeare, Hamlet, Act 5`, []string{`"The rest is silence." — Shakespeare, Hamlet, Act 5`}},
			{lang, `"It is done." -- Pushkin`, []string{`"It is done." -- Pushkin`}},
			{lang, "«Да». — Маша кивнула.", []string{"«Да».", "— Маша кивнула."}},
			{lang, `"Fine." — Pushkin. He wrote it.`, []string{`"Fine."`, "— Pushkin.", "He wrote it."}},
		})
	}
}
