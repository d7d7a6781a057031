/*
 * gen_national — deterministic generator of a synthetic national ITA dataset.
 *
 * Reads a framework file (openita-framework/1) for its survey answer codes,
 * their scales and reverse-scored flags, the minimum-sample rule and the
 * checklist items, then writes agencies.csv, iit.csv, eit.csv and oit.csv
 * for about 8,300 agencies (times --scale) into --out.  Agency populations
 * are log-normal by agency type; each agency collects its minimum sample plus
 * a random extra share of the rest.  Answers follow a latent "goodness" per
 * agency, respondent and answer code: the answer's rank from worst to best
 * option is Binomial(n-1, goodness), so reverse-scored items are answered
 * consistently with the others.  Same seed and scale give the same bytes.
 *
 *   gen_national --framework FILE [--seed N] [--scale F] --out DIR
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_OPT 10

/* ---- random numbers: xoshiro256** seeded through splitmix64 ---- */

static uint64_t rng_s[4];

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        rng_s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(void)
{
    uint64_t r = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 17;
    rng_s[2] ^= rng_s[0];
    rng_s[3] ^= rng_s[1];
    rng_s[1] ^= rng_s[2];
    rng_s[0] ^= rng_s[3];
    rng_s[2] ^= t;
    rng_s[3] = rotl(rng_s[3], 45);
    return r;
}

/* uniform in [0, 1) */
static double unif(void) { return (double)(rng_next() >> 11) * 0x1.0p-53; }

static double normal(void)
{
    double u = 1.0 - unif(), v = unif();
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

static double expo(void) { return -log(1.0 - unif()); }

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* ---- errors ---- */

static const char *fw_path;

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_national: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

/* ---- the parts of the framework the generator uses ---- */

typedef struct {
    const char *code;
    int nopt;
    int by_rank[MAX_OPT]; /* 1-based option number, rank 0 = worst score */
    double offset;        /* logit shift: how easy a good answer is */
} Answer;

typedef struct {
    const char *code;   /* IIT, EIT */
    Answer *ans;
    size_t nans;
    long percent, at_least, at_most; /* at_most < 0: no cap */
} Survey;

typedef struct {
    Survey iit, eit;
    const char **items; /* checklist items, in file order */
    size_t nitems;
    double *item_offset;
} Framework;

static json_t *member(json_t *obj, const char *key, const char *where)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        die("%s: %s: missing \"%s\"", fw_path, where, key);
    return v;
}

static const char *string_member(json_t *obj, const char *key, const char *where)
{
    const char *s = json_string_value(member(obj, key, where));
    if (!s)
        die("%s: %s: \"%s\" is not a string", fw_path, where, key);
    return s;
}

static double parse_score(json_t *v)
{
    if (json_is_number(v))
        return json_number_value(v);
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        double a = strtod(s, &end);
        if (*end == '/') {
            double b = strtod(end + 1, &end);
            if (*end == '\0' && b != 0)
                return a / b;
        }
    }
    die("%s: option score is neither a number nor \"A/B\"", fw_path);
}

/* Fills a->by_rank: options ordered by their (reverse-aware) score, worst first. */
static void rank_options(Answer *a, json_t *scale, int reverse)
{
    json_t *opts = member(scale, "options", "scale");
    int n = (int)json_array_size(opts);
    if (n < 2 || n > MAX_OPT)
        die("%s: a scale needs 2 to %d options", fw_path, MAX_OPT);
    double score[MAX_OPT];
    for (int k = 0; k < n; k++) {
        json_t *o = json_array_get(opts, (size_t)k);
        score[k] = parse_score(member(o, "score", "option"));
    }
    a->nopt = n;
    for (int k = 0; k < n; k++) {
        /* answer k+1 scores score[k], or score[n-1-k] when reverse */
        double s = reverse ? score[n - 1 - k] : score[k];
        int r = 0;
        for (int j = 0; j < n; j++) {
            double t = reverse ? score[n - 1 - j] : score[j];
            if (t < s || (t == s && j < k))
                r++;
        }
        a->by_rank[r] = k + 1;
    }
}

static json_t *find_scale(json_t *scales, const char *code)
{
    size_t i;
    json_t *s;
    json_array_foreach(scales, i, s) {
        json_t *c = json_object_get(s, "code");
        if (json_is_string(c) && strcmp(json_string_value(c), code) == 0)
            return s;
    }
    die("%s: unknown scale \"%s\"", fw_path, code);
}

static void add_answer(Survey *sv, size_t *cap, const char *code, json_t *scale, int reverse)
{
    if (sv->nans == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        sv->ans = realloc(sv->ans, *cap * sizeof *sv->ans);
        if (!sv->ans)
            die("out of memory");
    }
    Answer *a = &sv->ans[sv->nans++];
    a->code = code;
    rank_options(a, scale, reverse);
}

static void load_survey(Survey *sv, json_t *inst, json_t *scales, json_t *sampling)
{
    size_t cap = 0, i, j, k;
    json_t *ind, *q, *sub;
    json_array_foreach(member(inst, "indicators", sv->code), i, ind) {
        json_array_foreach(member(ind, "questions", "indicator"), j, q) {
            const char *qcode = string_member(q, "code", "question");
            json_t *scale = find_scale(scales, string_member(q, "scale", qcode));
            json_t *subs = json_object_get(q, "subitems");
            if (json_array_size(subs) == 0) {
                add_answer(sv, &cap, qcode, scale, json_is_true(json_object_get(q, "reverse")));
                continue;
            }
            json_array_foreach(subs, k, sub)
                add_answer(sv, &cap, string_member(sub, "code", qcode), scale,
                           json_is_true(json_object_get(sub, "reverse")));
        }
    }
    json_t *rule = member(sampling, sv->code, "sampling");
    sv->percent = (long)json_integer_value(member(rule, "percent", sv->code));
    sv->at_least = (long)json_integer_value(member(rule, "at_least", sv->code));
    json_t *most = json_object_get(rule, "at_most");
    sv->at_most = json_is_integer(most) ? (long)json_integer_value(most) : -1;
}

static void load_framework(Framework *fw, const char *path)
{
    json_error_t err;
    fw_path = path;
    json_t *root = json_load_file(path, 0, &err); /* kept for the strings it owns */
    if (!root)
        die("%s:%d: %s", path, err.line, err.text);
    json_t *scales = member(root, "scales", "$");
    json_t *sampling = member(root, "sampling", "$");
    size_t i, j;
    json_t *inst, *item;
    fw->iit.code = "IIT";
    fw->eit.code = "EIT";
    json_array_foreach(member(root, "instruments", "$"), i, inst) {
        const char *code = string_member(inst, "code", "instrument");
        const char *kind = string_member(inst, "kind", code);
        if (strcmp(kind, "survey") == 0) {
            if (strcmp(code, "IIT") == 0)
                load_survey(&fw->iit, inst, scales, sampling);
            else if (strcmp(code, "EIT") == 0)
                load_survey(&fw->eit, inst, scales, sampling);
            else
                die("%s: survey instrument %s has no population model", path, code);
        } else {
            json_t *items = member(inst, "items", code);
            fw->nitems = json_array_size(items);
            fw->items = calloc(fw->nitems, sizeof *fw->items);
            fw->item_offset = calloc(fw->nitems, sizeof *fw->item_offset);
            if (!fw->items || !fw->item_offset)
                die("out of memory");
            json_array_foreach(items, j, item)
                fw->items[j] = string_member(item, "code", code);
        }
    }
    if (!fw->iit.nans || !fw->eit.nans || !fw->nitems)
        die("%s: expected survey instruments IIT and EIT and a checklist", path);
}

/* ---- agency types ---- */

typedef struct {
    const char *type;           /* agencies.csv type */
    const char *prefix;         /* name prefix */
    int count;                  /* agencies at scale 1 */
    int naming;                 /* NAME_* */
    /* staff (IIT) and service-recipient (EIT) populations are log-normal; "extra" is the
       mean share of the population above the minimum sample that answers as well */
    double iit_median, iit_sigma, iit_extra;
    double eit_median, eit_sigma, eit_extra;
    double quality;             /* logit shift of the agency's answers */
} AgencyType;

enum { NAME_PLACE, NAME_PROVINCE, NAME_TOPIC };

static const AgencyType TYPES[] = {
    {"ส่วนราชการระดับกรม", "กรม", 148, NAME_TOPIC, 1500, 1.0, 0.08, 3000, 1.2, 0.01, 0.5},
    {"รัฐวิสาหกิจ", "การ", 52, NAME_TOPIC, 2000, 1.0, 0.08, 5000, 1.2, 0.01, 0.6},
    {"องค์การมหาชน", "สำนักงานพัฒนา", 56, NAME_TOPIC, 200, 0.7, 0.10, 1000, 1.0, 0.02, 0.6},
    {"สถาบันอุดมศึกษา", "มหาวิทยาลัย", 83, NAME_PLACE, 1500, 0.8, 0.06, 10000, 1.0, 0.005, 0.3},
    {"หน่วยงานอิสระ", "สำนักงานคณะกรรมการ", 30, NAME_TOPIC, 800, 0.8, 0.08, 2000, 1.0, 0.01, 0.6},
    {"กองทุน", "กองทุน", 25, NAME_TOPIC, 60, 0.6, 0.30, 500, 1.0, 0.03, 0.4},
    {"จังหวัด", "จังหวัด", 76, NAME_PROVINCE, 300, 0.5, 0.10, 2000, 0.8, 0.01, 0.4},
    {"องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด", 76, NAME_PROVINCE, 400, 0.5, 0.10,
     2000, 0.8, 0.01, 0.1},
    {"เทศบาลนคร", "เทศบาลนคร", 30, NAME_PLACE, 1500, 0.5, 0.06, 5000, 0.8, 0.01, 0.1},
    {"เทศบาลเมือง", "เทศบาลเมือง", 195, NAME_PLACE, 400, 0.6, 0.10, 2000, 0.8, 0.01, 0.0},
    {"เทศบาลตำบล", "เทศบาลตำบล", 2229, NAME_PLACE, 70, 0.5, 0.50, 800, 0.8, 0.03, -0.1},
    {"องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบล", 5300, NAME_PLACE, 50, 0.45, 0.80, 600, 0.8,
     0.04, -0.2},
};

static const char *PROVINCES[] = {
    "กรุงเทพมหานคร", "กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี",
    "ฉะเชิงเทรา", "ชลบุรี", "ชัยนาท", "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด",
    "ตาก", "นครนายก", "นครปฐม", "นครพนม", "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี",
    "นราธิวาส", "น่าน", "บึงกาฬ", "บุรีรัมย์", "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี", "ปัตตานี",
    "พระนครศรีอยุธยา", "พะเยา", "พังงา", "พัทลุง", "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์",
    "แพร่", "ภูเก็ต", "มหาสารคาม", "มุกดาหาร", "แม่ฮ่องสอน", "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง",
    "ระยอง", "ราชบุรี", "ลพบุรี", "ลำปาง", "ลำพูน", "เลย", "ศรีสะเกษ", "สกลนคร", "สงขลา", "สตูล",
    "สมุทรปราการ", "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว", "สระบุรี", "สิงห์บุรี", "สุโขทัย",
    "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู", "อ่างทอง", "อำนาจเจริญ",
    "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
};
#define NPROV (sizeof PROVINCES / sizeof *PROVINCES)

static const char *PLACE_A[] = {"หนอง", "บ้าน", "ดอน", "นา", "โนน", "ห้วย", "ท่า", "บ่อ", "บาง", "คลอง",
                                "วัง", "โคก", "ทุ่ง", "แม่", "ป่า", "เขา", "ดง", "สวน", "ลำ", "สระ"};
static const char *PLACE_B[] = {"บัว", "ใหม่", "แก้ว", "ทอง", "หลวง", "ยาง", "กลาง", "สูง", "ไผ่", "ขาม",
                                "แดง", "น้อย", "ใหญ่", "เหนือ", "ใต้", "งาม", "เจริญ", "สำราญ", "พัฒนา",
                                "ศรี", "มะม่วง", "ตาล", "จันทร์", "ทราย", "โพธิ์", "ไร่", "หิน", "ช้าง",
                                "เสือ", "กุ่ม"};
static const char *TOPIC_A[] = {"ส่งเสริม", "พัฒนา", "ควบคุม", "ฟื้นฟู", "กำกับ", "บริหาร", "คุ้มครอง",
                                "วิจัย"};
static const char *TOPIC_B[] = {"การเกษตร", "การค้า", "ที่ดิน", "แรงงาน", "ทางหลวง", "ชลประทาน", "ป่าไม้",
                                "การท่องเที่ยว", "พลังงาน", "การศึกษา", "สาธารณสุข", "อุตสาหกรรม",
                                "การประมง", "ปศุสัตว์", "สหกรณ์", "วัฒนธรรม", "การกีฬา", "ทรัพยากรน้ำ",
                                "สิ่งแวดล้อม", "ดิจิทัล", "การขนส่ง", "ผู้บริโภค", "สวัสดิการ"};
#define LEN(a) (sizeof a / sizeof *a)

/* ---- output ---- */

typedef struct {
    FILE *f;
    char buf[1 << 20];
    size_t n;
} Out;

static void out_open(Out *o, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    o->f = fopen(path, "wb");
    if (!o->f)
        die("%s: %s", path, strerror(errno));
    o->n = 0;
}

static void out_flush(Out *o)
{
    if (fwrite(o->buf, 1, o->n, o->f) != o->n)
        die("write failed: %s", strerror(errno));
    o->n = 0;
}

static void out_str(Out *o, const char *s)
{
    size_t len = strlen(s);
    if (o->n + len > sizeof o->buf)
        out_flush(o);
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}

static void out_close(Out *o)
{
    out_flush(o);
    if (fclose(o->f) != 0)
        die("close failed: %s", strerror(errno));
}

/* ---- generation ---- */

static long lognormal_count(double median, double sigma, long floor_)
{
    long n = lround(median * exp(sigma * normal()));
    return n < floor_ ? floor_ : n;
}

static long min_sample(const Survey *sv, long n)
{
    long m = (n * sv->percent + 99) / 100;
    if (m < sv->at_least)
        m = sv->at_least;
    if (sv->at_most >= 0 && m > sv->at_most)
        m = sv->at_most;
    return m < n ? m : n;
}

static long respondents(const Survey *sv, long population, double extra)
{
    long m = min_sample(sv, population);
    double share = extra * expo();
    if (share > 1)
        share = 1;
    return m + lround((double)(population - m) * share);
}

/* Writes `count` respondents of one agency whose answers centre on `logit`. */
static void write_survey(Out *o, const Survey *sv, const char *agency, long count, double logit)
{
    char line[64];
    for (long r = 1; r <= count; r++) {
        snprintf(line, sizeof line, "%s,r%ld", agency, r);
        out_str(o, line);
        double lr = logit + 0.8 * normal(); /* the respondent's own leaning */
        if (o->n + 3 * sv->nans + 2 > sizeof o->buf)
            out_flush(o);
        char *p = o->buf + o->n;
        for (size_t i = 0; i < sv->nans; i++) {
            const Answer *a = &sv->ans[i];
            double g = sigmoid(lr + a->offset);
            int rank = 0;
            for (int t = 1; t < a->nopt; t++)
                rank += unif() < g;
            int opt = a->by_rank[rank];
            *p++ = ',';
            if (opt >= 10)
                *p++ = '1', opt -= 10;
            *p++ = (char)('0' + opt);
        }
        *p++ = '\n';
        o->n = (size_t)(p - o->buf);
    }
}

static void header(Out *o, const Survey *sv)
{
    out_str(o, "agency,respondent");
    for (size_t i = 0; i < sv->nans; i++) {
        out_str(o, ",");
        out_str(o, sv->ans[i].code);
    }
    out_str(o, "\n");
}

/* "A" and seq zero-padded to width digits: A00001 */
static void agency_code(char code[32], long seq, int width)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%ld", seq);
    int pad = width > len ? width - len : 0;
    code[0] = 'A';
    memset(code + 1, '0', (size_t)pad);
    memcpy(code + 1 + pad, digits, (size_t)len + 1);
}

static void usage(void)
{
    fputs("usage: gen_national --framework FILE [--seed N] [--scale F] --out DIR\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *fwfile = NULL, *dir = NULL;
    uint64_t seed = 2565;
    double scale = 1.0;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--framework") == 0)
            fwfile = argv[++i];
        else if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--scale") == 0)
            scale = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--out") == 0)
            dir = argv[++i];
        else
            usage();
    }
    if (!fwfile || !dir || !(scale > 0))
        usage();

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    Framework fw = {0};
    load_framework(&fw, fwfile);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        die("%s: %s", dir, strerror(errno));

    rng_seed(seed);
    /* how easy a good answer is, per answer code and per checklist item */
    for (size_t i = 0; i < fw.iit.nans; i++)
        fw.iit.ans[i].offset = 0.5 * normal();
    for (size_t i = 0; i < fw.eit.nans; i++)
        fw.eit.ans[i].offset = 0.5 * normal();
    for (size_t i = 0; i < fw.nitems; i++)
        fw.item_offset[i] = 0.8 * normal();

    long total = 0;
    for (size_t t = 0; t < LEN(TYPES); t++)
        total += lround(TYPES[t].count * scale);
    int width = 5;
    for (long m = 100000; m <= total; m *= 10)
        width++;

    static Out ag, iit, eit, oit;
    out_open(&ag, dir, "agencies.csv");
    out_open(&iit, dir, "iit.csv");
    out_open(&eit, dir, "eit.csv");
    out_open(&oit, dir, "oit.csv");
    out_str(&ag, "code,name,type,province\n");
    header(&iit, &fw.iit);
    header(&eit, &fw.eit);
    out_str(&oit, "agency,item,result\n");

    long seq = 0, n_iit = 0, n_eit = 0;
    char code[32], line[512];
    for (size_t t = 0; t < LEN(TYPES); t++) {
        const AgencyType *ty = &TYPES[t];
        long count = lround(ty->count * scale);
        for (long k = 0; k < count; k++) {
            agency_code(code, ++seq, width);
            const char *prov = PROVINCES[1 + rng_next() % (NPROV - 1)];
            char name[256];
            switch (ty->naming) {
            case NAME_PROVINCE:
                prov = PROVINCES[1 + k % (NPROV - 1)];
                snprintf(name, sizeof name, "%s%s", ty->prefix, prov);
                break;
            case NAME_TOPIC:
                prov = PROVINCES[0];
                snprintf(name, sizeof name, "%s%s%s", ty->prefix, TOPIC_A[k % LEN(TOPIC_A)],
                         TOPIC_B[(k / LEN(TOPIC_A)) % LEN(TOPIC_B)]);
                if (k >= (long)(LEN(TOPIC_A) * LEN(TOPIC_B)))
                    snprintf(name + strlen(name), sizeof name - strlen(name), " %ld",
                             k / (long)(LEN(TOPIC_A) * LEN(TOPIC_B)) + 1);
                break;
            default:
                snprintf(name, sizeof name, "%s%s%s", ty->prefix,
                         PLACE_A[rng_next() % LEN(PLACE_A)], PLACE_B[rng_next() % LEN(PLACE_B)]);
            }
            snprintf(line, sizeof line, "%s,%s,%s,%s\n", code, name, ty->type, prov);
            out_str(&ag, line);

            /* one latent integrity per agency, shared in part by the three instruments */
            double z = normal();
            double l_iit = 2.6 + ty->quality + 0.8 * (0.7 * z + 0.7 * normal());
            double l_eit = 2.4 + ty->quality + 0.7 * (0.7 * z + 0.7 * normal());
            double l_oit = 2.6 + ty->quality + 1.3 * (0.7 * z + 0.7 * normal());

            long r_iit = respondents(&fw.iit, lognormal_count(ty->iit_median, ty->iit_sigma, 5),
                                     ty->iit_extra);
            long r_eit = respondents(&fw.eit, lognormal_count(ty->eit_median, ty->eit_sigma, 10),
                                     ty->eit_extra);
            write_survey(&iit, &fw.iit, code, r_iit, l_iit);
            write_survey(&eit, &fw.eit, code, r_eit, l_eit);
            n_iit += r_iit;
            n_eit += r_eit;

            for (size_t i = 0; i < fw.nitems; i++) {
                int pass = unif() < sigmoid(l_oit + fw.item_offset[i]);
                snprintf(line, sizeof line, "%s,%s,%s\n", code, fw.items[i], pass ? "pass" : "fail");
                out_str(&oit, line);
            }
        }
    }
    out_close(&ag);
    out_close(&iit);
    out_close(&eit);
    out_close(&oit);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fprintf(stderr, "gen_national: %ld agencies, %ld IIT and %ld EIT respondents, %ld OIT rows "
                    "(seed %llu, scale %g) in %.1f s\n",
            seq, n_iit, n_eit, seq * (long)fw.nitems, (unsigned long long)seed, scale,
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
