package segment

import (
	"html"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/shareddata"
)

// TestNoBreakWithoutEndMark: a sentence ends only at an end mark (or a blank
// line): a capitalised word that often begins sentences ("This", "Our",
// "Это", "Однако") continues a title or a phrase when no stop comes before
// it, in every language.
func TestNoBreakWithoutEndMark(t *testing.T) {
	checkSplits(t, []splitCase{
		{"en", "Notes for This Autumn's Reading Group", []string{"Notes for This Autumn's Reading Group"}},
		{"en", "the report Our Shared Waters was tabled", []string{"the report Our Shared Waters was tabled"}},
		{"en", "She quoted the essay Its Own Reward at length.", []string{"She quoted the essay Its Own Reward at length."}},
		{"en", "the band played We Shall Overcome twice and It Ends Tonight once", []string{"the band played We Shall Overcome twice and It Ends Tonight once"}},
		{"en", "the committee said However the vote goes we stay", []string{"the committee said However the vote goes we stay"}},
		{"en", "They read These Are the Days. Then they left.", []string{"They read These Are the Days.", "Then they left."}},
		{"ru", "книга Это было давно вышла в срок", []string{"книга Это было давно вышла в срок"}},
		{"ru", "Рубрика «Однако здравствуйте» выходит по средам.", []string{"Рубрика «Однако здравствуйте» выходит по средам."}},
		{"ru", "сборник Они сражались за Родину переиздан", []string{"сборник Они сражались за Родину переиздан"}},
		{"zh", "他们读了This Side of Paradise这本书", []string{"他们读了This Side of Paradise这本书"}},
	})
	// A long paragraph without a stop stays one segment, however often a
	// starter word comes back in it.
	for _, c := range []struct{ lang, unit string }{
		{"en", "more words This is it "},
		{"ru", "ещё слова Это было так "},
	} {
		text := strings.Repeat(c.unit, 1500)
		if got := Strings(MustFor(c.lang), text); len(got) != 1 {
			t.Errorf("%s: %d repeats of %q without a stop: %d segments, want 1", c.lang, 1500, c.unit, len(got))
		}
	}
}

// TestBracketAfterClosingMark: a quotation or title that holds a stop,
// followed by a bracket and the rest of the sentence, is one sentence with
// it; a stop after the bracket ends that sentence there.
func TestBracketAfterClosingMark(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "Фильм «Стой! Кто идёт?» (1962) снова показали.", []string{"Фильм «Стой! Кто идёт?» (1962) снова показали."}},
		{"ru", "Статья «Зачем нам это? Ответ экономиста» [1] вызвала споры.", []string{"Статья «Зачем нам это? Ответ экономиста» [1] вызвала споры."}},
		{"ru", "Роман «Кто виноват?» (СПб., 1847) вышел отдельной книгой.", []string{"Роман «Кто виноват?» (СПб., 1847) вышел отдельной книгой."}},
		{"ru", "Он издал «Что делать?» (М., 1863). Книгу запретили.", []string{"Он издал «Что делать?» (М., 1863).", "Книгу запретили."}},
		{"ru", "См.: Иванов И. «Куда мы идём?» (М., 2010)", []string{"См.: Иванов И. «Куда мы идём?» (М., 2010)"}},
		{"ru", "Песня „Ура! Победа“ (1945), написанная тогда, звучит до сих пор.", []string{"Песня „Ура! Победа“ (1945), написанная тогда, звучит до сих пор."}},
		{"en", `They screened "Run! Hide" (2019) and left.`, []string{`They screened "Run! Hide" (2019) and left.`}},
		{"en", "They screened “Run! Hide” (2019), then talked.", []string{"They screened “Run! Hide” (2019), then talked."}},
		{"en", `The paper "Is It Over? Lessons Learned" (2020) is cited.`, []string{`The paper "Is It Over? Lessons Learned" (2020) is cited.`}},
		{"en", `She read "What Now? Notes" (2018). It was short.`, []string{`She read "What Now? Notes" (2018).`, "It was short."}},
		{"zh", "他推荐了《摔跤吧！爸爸》（2016）这部电影。", []string{"他推荐了《摔跤吧！爸爸》（2016）这部电影。"}},
		{"zh", "他问：“你去哪儿？”（笑）然后离开了。", []string{"他问：“你去哪儿？”（笑）然后离开了。"}},
		// A capital after the bracket still begins a new sentence.
		{"ru", "Он спросил: «Вы готовы? Пора» (шёпотом). Все встали.", []string{"Он спросил: «Вы готовы? Пора» (шёпотом).", "Все встали."}},
	})
}

// TestSingleQuotationMarks: the typewriter's single quotation mark pairs
// like other quotation marks, while the apostrophes of contractions, names
// and possessives open nothing.
func TestSingleQuotationMarks(t *testing.T) {
	checkSplits(t, []splitCase{
		{"en", "He praised 'Halt! Who Goes There' last night.", []string{"He praised 'Halt! Who Goes There' last night."}},
		{"en", "The sign read 'Stop. Look. Listen' and we did.", []string{"The sign read 'Stop. Look. Listen' and we did."}},
		{"en", "He said 'Go. Now.' Then he left.", []string{"He said 'Go. Now.'", "Then he left."}},
		{"en", "I don't know. O'Brien's students' union met. It voted.", []string{"I don't know.", "O'Brien's students' union met.", "It voted."}},
		{"en", "The '90s ended. The students' hall closed. 'Fine' was all he said.", []string{"The '90s ended.", "The students' hall closed.", "'Fine' was all he said."}},
		{"en", "'Tis done. The players' guild paid. We went home.", []string{"'Tis done.", "The players' guild paid.", "We went home."}},
	})
}

// TestAbbreviationAfterNumber: after a number and "г." or "в.", a
// capitalised word in an oblique case continues the sentence; a word in
// the nominative, a pronoun or a function word begins a new one.
func TestAbbreviationAfterNumber(t *testing.T) {
	checkSplits(t, []splitCase{
		// Oblique: instrumental, dative, genitive.
		{"ru", "Крепость заложена в 1703 г. Петром Первым.", []string{"Крепость заложена в 1703 г. Петром Первым."}},
		{"ru", "Соглашение подписано в 1996 г. Казахстаном и Киргизией.", []string{"Соглашение подписано в 1996 г. Казахстаном и Киргизией."}},
		{"ru", "Наказ составлен в 1767 г. Екатериной Второй.", []string{"Наказ составлен в 1767 г. Екатериной Второй."}},
		{"ru", "Орден вручён в 1945 г. Жукову и Рокоссовскому.", []string{"Орден вручён в 1945 г. Жукову и Рокоссовскому."}},
		{"ru", "Письмо отправлено в 1999 г. Китаю.", []string{"Письмо отправлено в 1999 г. Китаю."}},
		{"ru", "Кодекс принят в 1994 г. Государственной Думой.", []string{"Кодекс принят в 1994 г. Государственной Думой."}},
		{"ru", "Город освобождён в 1943 г. Красной Армией.", []string{"Город освобождён в 1943 г. Красной Армией."}},
		{"ru", "Договор заключён в 1689 г. Москвой и Пекином.", []string{"Договор заключён в 1689 г. Москвой и Пекином."}},
		{"ru", "Собор расписан в XV в. Андреем Рублёвым.", []string{"Собор расписан в XV в. Андреем Рублёвым."}},
		{"ru", "Премия вручена в 2010 г. Советским Союзом художников.", []string{"Премия вручена в 2010 г. Советским Союзом художников."}},
		{"ru", "Это здание построено в 1820 г. Великого князя Михаила.", []string{"Это здание построено в 1820 г. Великого князя Михаила."}},
		// Nominative, pronouns, function words: a new sentence.
		{"ru", "Он умер в 1910 г. Толстой оставил много рукописей.", []string{"Он умер в 1910 г.", "Толстой оставил много рукописей."}},
		{"ru", "Театр открылся в 1825 г. Большой театр стал символом.", []string{"Театр открылся в 1825 г.", "Большой театр стал символом."}},
		{"ru", "Он вернулся в 1999 г. Алексей Петров стал директором.", []string{"Он вернулся в 1999 г.", "Алексей Петров стал директором."}},
		{"ru", "Реформа началась в 1985 г. Горбачёв стал генсеком.", []string{"Реформа началась в 1985 г.", "Горбачёв стал генсеком."}},
		{"ru", "Космодром построен в 1955 г. Космодром Байконур известен всем.", []string{"Космодром построен в 1955 г.", "Космодром Байконур известен всем."}},
		{"ru", "Объём торгов упал в 2019 г. Объём инвестиций вырос.", []string{"Объём торгов упал в 2019 г.", "Объём инвестиций вырос."}},
		{"ru", "Игры прошли в 2010 г. Гуанчжоу принял спортсменов из Азии.", []string{"Игры прошли в 2010 г.", "Гуанчжоу принял спортсменов из Азии."}},
		{"ru", "Переговоры шли до 2004 г. Одним из итогов стал договор.", []string{"Переговоры шли до 2004 г.", "Одним из итогов стал договор."}},
		{"ru", "Всё изменилось в 1991 г. Рядом с нами появились новые страны.", []string{"Всё изменилось в 1991 г.", "Рядом с нами появились новые страны."}},
		{"ru", "Посольство открыто в 1992 г. Летом здесь прошёл приём.", []string{"Посольство открыто в 1992 г.", "Летом здесь прошёл приём."}},
		{"ru", "Договор продлён в 2021 г. Его текст опубликован.", []string{"Договор продлён в 2021 г.", "Его текст опубликован."}},
		{"ru", "Музей основан в 1898 г. Популяции редких птиц изучают здесь.", []string{"Музей основан в 1898 г.", "Популяции редких птиц изучают здесь."}},
		// A date that opens the sentence stays with it, as before.
		{"ru", "16 июля 2001 г. Россия и Китай подписали договор.", []string{"16 июля 2001 г. Россия и Китай подписали договор."}},
		{"ru", "В 2001 г. Китай и Россия подписали договор.", []string{"В 2001 г. Китай и Россия подписали договор."}},
		{"ru", "Летом 2023 г. Форум прошёл в Пекине.", []string{"Летом 2023 г. Форум прошёл в Пекине."}},
	})
}

// TestStopAfterUnitOrNumber: units written without a stop, abbreviations
// after a number in a sentence of other words, initials without spaces and
// a number after a colon end the sentence before a capital letter.
func TestStopAfterUnitOrNumber(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "До станции 3 км. Идти долго.", []string{"До станции 3 км.", "Идти долго."}},
		{"ru", "Вес посылки 12 кг. Доставка бесплатна.", []string{"Вес посылки 12 кг.", "Доставка бесплатна."}},
		{"ru", "Высота стены 40 м. Ворота узкие.", []string{"Высота стены 40 м.", "Ворота узкие."}},
		{"ru", "Толщина листа 2 мм. Резать легко.", []string{"Толщина листа 2 мм.", "Резать легко."}},
		{"ru", "Объём бака 60 л. Хватает надолго.", []string{"Объём бака 60 л.", "Хватает надолго."}},
		{"ru", "Ширина дороги — 8 м. Покрытие новое.", []string{"Ширина дороги — 8 м.", "Покрытие новое."}},
		{"ru", "Билет стоит 300 руб. Это недорого.", []string{"Билет стоит 300 руб.", "Это недорого."}},
		{"ru", "Глубина 30 м. Вода холодная.", []string{"Глубина 30 м.", "Вода холодная."}},
		{"ru", "Вес 12 кг. Доставка бесплатна.", []string{"Вес 12 кг.", "Доставка бесплатна."}},
		{"ru", "Длина трассы — сто км. Дальше степь.", []string{"Длина трассы — сто км.", "Дальше степь."}},
		{"ru", "Стоимость 300 руб. Это недорого.", []string{"Стоимость 300 руб.", "Это недорого."}},
		{"ru", "Зарплата 40 тыс. руб. Налог отдельно.", []string{"Зарплата 40 тыс. руб.", "Налог отдельно."}},
		{"ru", "Шёл 1812 г. Война приближалась.", []string{"Шёл 1812 г.", "Война приближалась."}},
		{"ru", "Штраф — 5 тыс. руб. Платить надо сразу.", []string{"Штраф — 5 тыс. руб.", "Платить надо сразу."}},
		{"ru", "Это были 1960-е гг. Время оттепели.", []string{"Это были 1960-е гг.", "Время оттепели."}},
		{"ru", "Тираж 3 тыс. экз. Книга продаётся.", []string{"Тираж 3 тыс. экз.", "Книга продаётся."}},
		{"ru", "Население 12 млн чел. Город растёт.", []string{"Население 12 млн чел.", "Город растёт."}},
		{"ru", "Доклад прочёл Лихачёв Д.С. Его выслушали.", []string{"Доклад прочёл Лихачёв Д.С.", "Его выслушали."}},
		{"ru", "Письмо подписал Иванов П.П. Затем его отправили.", []string{"Письмо подписал Иванов П.П.", "Затем его отправили."}},
		{"ru", "Поэт А.С. Пушкин родился в Москве.", []string{"Поэт А.С. Пушкин родился в Москве."}},
		{"ru", "Срок сдачи: 01.09.2022. Опоздания не принимаются.", []string{"Срок сдачи: 01.09.2022.", "Опоздания не принимаются."}},
		{"ru", "Счёт матча: 3. Соперник сдался.", []string{"Счёт матча: 3.", "Соперник сдался."}},
		{"en", "Final tally: 1998. Nobody objected.", []string{"Final tally: 1998.", "Nobody objected."}},
		{"en", "Deadline: 30.06.2022. Late entries are refused.", []string{"Deadline: 30.06.2022.", "Late entries are refused."}},
		{"en", "The war ended. 1945. A new age began.", []string{"The war ended.", "1945.", "A new age began."}},
		{"en", "The treaty was signed in\n2001. Russia ratified it.", []string{"The treaty was signed in\n2001.", "Russia ratified it."}},
		{"ru", "Договор подписан в\n2001. Россия его ратифицировала.", []string{"Договор подписан в\n2001.", "Россия его ратифицировала."}},
		// Lists run into the sentence stay whole.
		{"ru", "Работа идёт в три этапа: 1. Подготовка; 2. Проведение; 3. Итоги.", []string{"Работа идёт в три этапа: 1. Подготовка; 2. Проведение; 3. Итоги."}},
		{"en", "Two steps: a. Plan; b. Act.", []string{"Two steps: a. Plan; b. Act."}},
		// Units and "г." without a number stay inside the sentence.
		{"ru", "Делегаты посетили г. Москву.", []string{"Делегаты посетили г. Москву."}},
		{"ru", "Встреча у ст. м. Кропоткинская прошла спокойно.", []string{"Встреча у ст. м. Кропоткинская прошла спокойно."}},
	})
}

// TestAsideBetweenDashes: a question or exclamation between dashes, inside
// a sentence, does not end it, in any language.
func TestAsideBetweenDashes(t *testing.T) {
	checkSplits(t, []splitCase{
		{"zh", "这件事——你相信吗？——已经解决了。", []string{"这件事——你相信吗？——已经解决了。"}},
		{"zh", "他的回答——多么勇敢！——让大家感动。", []string{"他的回答——多么勇敢！——让大家感动。"}},
		{"zh", "这件事你相信吗？他不信。", []string{"这件事你相信吗？", "他不信。"}},
		{"ru", "Это решение — вы верите? — уже принято.", []string{"Это решение — вы верите? — уже принято."}},
		{"ru", "Его ответ — какая смелость! — всех тронул.", []string{"Его ответ — какая смелость! — всех тронул."}},
		{"en", "The matter — can you believe it? — is settled.", []string{"The matter — can you believe it? — is settled."}},
		{"en", "His answer — how brave! — moved us all.", []string{"His answer — how brave! — moved us all."}},
	})
}

// TestEndMarksOnCorpora splits real text, the NTREX news in English,
// Russian and Chinese and a volume of Tolstoy's War and Peace, and checks
// that every break inside a line follows an end mark (see checkEndMarks).
// It skips without the shared data.
func TestEndMarksOnCorpora(t *testing.T) {
	for _, c := range []struct{ lang, file string }{
		{"en", "ntrex/newstest2019-src.eng.txt"},
		{"ru", "ntrex/newstest2019-ref.rus.txt"},
		{"zh", "ntrex/newstest2019-ref.zho-CN.txt"},
		{"ru", "ruslit/voina-i-mir-tom1.txt"},
	} {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(shareddata.Path(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			text := html.UnescapeString(string(b))
			r := MustFor(c.lang)
			for _, line := range strings.Split(text, "\n") {
				checkEndMarks(t, r, line, r.Split(line))
			}
		})
	}
}

// TestOpenersWithoutStop: in Russian, which capitalises only a sentence's
// first word and names and quotes its titles, a capitalised connective after
// a lower-case word or a colon begins a new sentence even where the one
// before lacks its stop (a heading or caption run into the text); pronouns
// and English words never do.
func TestOpenersWithoutStop(t *testing.T) {
	checkSplits(t, []splitCase{
		{"ru", "Выделяют пять направлений: Однако, автор называет шесть.", []string{"Выделяют пять направлений:", "Однако, автор называет шесть."}},
		{"ru", "Вышивки поглощающих материалов Особенно заметно это на севере.", []string{"Вышивки поглощающих материалов", "Особенно заметно это на севере."}},
		{"ru", "Итоги конференции Несмотря на дождь, пришли все.", []string{"Итоги конференции", "Несмотря на дождь, пришли все."}},
		{"ru", "книга Это было давно вышла в срок", []string{"книга Это было давно вышла в срок"}},
		{"ru", "Заседание «Однако здравствуйте» прошло.", []string{"Заседание «Однако здравствуйте» прошло."}},
		{"en", "the committee said However the vote goes we stay", []string{"the committee said However the vote goes we stay"}},
	})
}
