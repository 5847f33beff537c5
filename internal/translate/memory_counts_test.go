package translate

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

const tmxCounted = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body>
<tu changedate="20210716T090000Z"><tuv xml:lang="zh-CN"><seg>条约有效期为二十年。</seg></tuv><tuv xml:lang="ru-RU"><seg>Договор заключается сроком на двадцать лет.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>缔约双方</seg></tuv><tuv xml:lang="ru-RU"><seg>Договаривающиеся Стороны</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg></seg></tuv><tuv xml:lang="ru-RU"><seg>Пустой источник.</seg></tuv></tu>
</body></tmx>`

// TestMemoryImportCounts imports a file of three units, one with an empty
// source: two added, one skipped as empty; the same file again adds
// nothing and finds both unchanged; a file that dates one of them later
// updates it; a repeat inside a file is counted as such.
func TestMemoryImportCounts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m := NewMemory(db)
		imp := func(file string) TMXImport {
			t.Helper()
			res, err := m.ImportTMX(ctx, strings.NewReader(file), "counted.tmx", "zh", "ru", 0, "x")
			if err != nil {
				t.Fatal(err)
			}
			res.Warnings = nil
			return res
		}
		if got, want := imp(tmxCounted), (TMXImport{Units: 2, Added: 2, Empty: 1}); !reflect.DeepEqual(got, want) {
			t.Errorf("first import %+v; want %+v", got, want)
		}
		if got, want := imp(tmxCounted), (TMXImport{Units: 2, Unchanged: 2, Empty: 1}); !reflect.DeepEqual(got, want) {
			t.Errorf("the same file again %+v; want %+v", got, want)
		}
		later := strings.Replace(tmxCounted, "20210716T090000Z", "20220101T090000Z", 1)
		if got, want := imp(later), (TMXImport{Units: 2, Updated: 1, Unchanged: 1, Empty: 1}); !reflect.DeepEqual(got, want) {
			t.Errorf("a later date %+v; want %+v", got, want)
		}
		if got, want := imp(tmxZhRu), (TMXImport{Units: 3, Added: 1, Unchanged: 1, Repeated: 1, Skipped: 1}); !reflect.DeepEqual(got, want) {
			t.Errorf("a file with a repeat %+v; want %+v", got, want)
		}
	})
}
