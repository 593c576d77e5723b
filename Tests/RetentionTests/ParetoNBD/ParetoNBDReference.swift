import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

// The Pareto/NBD test counterpart: 50-digit and lifetimes reference values, and the model
// evaluated independently of the library's likelihood code (the original construction by
// Gauss-Legendre, brute-force integration over both mixing distributions, simulation).

// Reference values computed at 50 digits with mpmath from the published closed forms by
// Documentation/ReferenceValues/paretonbd_reference.py, which shares no code with the implementation:
// the log-likelihood from Fader & Hardie's note (2005), eq. (22), with its difference of two
// ₂F₁ terms (and checked there against the double integral over the gamma mixing
// distributions); P(alive) eq. (24); E[Y(t)] eq. (27); P(X(t) = n) from Fader, Hardie & Lee's
// note (2006) with its finite sum of ₂F₁ terms; DERT from Fader, Hardie & Lee (2005, "RFM and
// CLV"), eq. (2), with mpmath's Tricomi U.

/// The parameter sets of the reference table: (r, α, s, β).
let paretoSets: [String: (r: Double, alpha: Double, s: Double, beta: Double)] = [
  "cdnow": (0.553, 10.578, 0.606, 11.669),  // α < β, the published CDNOW fit (weeks)
  "alphaAbove": (1.2, 9, 0.8, 3),  // α > β
  "equalRates": (0.9, 5, 1.7, 5),  // α = β, s > 1
  "unitShape": (2.5, 4, 1, 20),  // s = 1 exactly
  "lopsided": (0.3, 50, 0.4, 0.05),  // α ≫ β: the quadrature branch of K
]

/// (set, x, t_x, T, ln L, P(alive), E[Y(52)], P(alive at T + 20), DERT(δ = 0.0027)).
let paretoClientReference: [(String, Int, Double, Double, Double, Double, Double, Double, Double)] =
  [
    (
      "cdnow", 0, 0.0, 38.86, -0.52104629408089031, 0.29528660461689415, 0.13620100592390504,
      0.24125624844826913, 0.47713622903219526
    ),
    (
      "cdnow", 2, 30.43, 38.86, -9.5542832451504058, 0.86916755915301119, 1.8508267207019515,
      0.71013077232626171, 6.4837735677307385
    ),
    (
      "cdnow", 1, 1.71, 38.86, -4.4501943338810115, 0.1680023267243449, 0.21761969130913431,
      0.13726193617445562, 0.76236029367068345
    ),
    (
      "cdnow", 10, 35.0, 38.0, -26.910939386548353, 0.94787416508995415, 8.464870524776971,
      0.77214073584630375, 29.545361518271994
    ),
    (
      "cdnow", 25, 11.0, 60.0, -25.31506356654875, 1.589758801077934e-12, 2.5106189994047707e-11,
      1.3694784470898507e-12, 9.4920989123219527e-11
    ),
    (
      "cdnow", 3, 3.0, 3.0, -7.3170152872746786, 1.0, 7.9476544904371912, 0.59379190315349087,
      22.080733633638341
    ),
    (
      "cdnow", 0, 0.0, 0.5, -0.025215754912892884, 0.9745789405690129, 1.390325364950175,
      0.54072235486361643, 3.7554807941689056
    ),
    (
      "cdnow", 500, 150.0, 200.0, 58.865885604356363, 8.3355583618478812e-57,
      9.6234556747103046e-55, 7.8917448040802901e-57, 4.6073470380807146e-54
    ),
    (
      "cdnow", 1, 1.0e-6, 1.0e-6, -2.9511738488501945, 1.0, 4.1366435552103136, 0.54605700640329638,
      11.106204711766668
    ),
    (
      "cdnow", 0, 0.0, 1.0e-6, -5.2278309652251663e-8, 0.99999994806753157, 1.4729966305424753,
      0.54605697804520813, 3.9547526636520962
    ),
    (
      "alphaAbove", 0, 0.0, 38.86, -0.53109049611382834, 0.027799121688075154, 0.025568611962806195,
      0.020339605314909953, 0.071588220273763101
    ),
    (
      "alphaAbove", 2, 30.43, 38.86, -10.635875361524768, 0.7836856974434841, 1.9221475866343961,
      0.57339429481968279, 5.3817205654664382
    ),
    (
      "alphaAbove", 1, 1.71, 38.86, -3.6670139769139118, 0.016038135922182269, 0.027044029571782059,
      0.011734520187520855, 0.075719164923429597
    ),
    (
      "alphaAbove", 10, 35.0, 38.0, -26.825854569549789, 0.91478305086542051, 7.9538229975188853,
      0.6657042456490992, 22.155168960306134
    ),
    (
      "alphaAbove", 25, 11.0, 60.0, -21.535493258265621, 5.910058143172025e-14,
      9.0413368461439943e-13, 4.7402551546149222e-14, 2.8122939317701441e-12
    ),
    (
      "alphaAbove", 3, 3.0, 3.0, -6.2205264537901886, 1.0, 6.028926470773729, 0.30941568258656707,
      11.7054946196133
    ),
    (
      "alphaAbove", 0, 0.0, 0.5, -0.060897389312978693, 0.88046612867298031, 1.4363273736409372,
      0.19191671402258924, 2.6212997522941248
    ),
    (
      "alphaAbove", 500, 150.0, 200.0, 65.211999187805691, 1.4643517110558516e-57,
      1.6633849131518239e-55, 1.3583082512865909e-57, 7.0754370721029504e-55
    ),
    (
      "alphaAbove", 1, 1.0e-6, 1.0e-6, -2.0149035316533178, 1.0, 2.8935734040355484,
      0.19602652252039157, 5.2008050394210229
    ),
    (
      "alphaAbove", 0, 0.0, 1.0e-6, -1.3333330814815278e-7, 0.99999973333339556, 1.5783123449542659,
      0.19602647024666443, 2.8368019922945469
    ),
    (
      "equalRates", 0, 0.0, 38.86, -0.42301538903931293, 0.0053908448067040379,
      0.0029214668712961952, 0.0028463240458046674, 0.0046871650718680521
    ),
    (
      "equalRates", 2, 30.43, 38.86, -12.191045076764086, 0.61845206130694544, 1.0799550169048523,
      0.32653786862613795, 1.732666382138101
    ),
    (
      "equalRates", 1, 1.71, 38.86, -3.5227872475141036, 0.0024549605905880283,
      0.002808663774009516, 0.001296200059739015, 0.0045061851871411473
    ),
    (
      "equalRates", 10, 35.0, 38.0, -28.220354951422692, 0.83286017140694558, 5.5228412674487638,
      0.4351004519416939, 8.8077324763044094
    ),
    (
      "equalRates", 25, 11.0, 60.0, -17.512546641156779, 2.5571902426476612e-16,
      3.19151051273723e-15, 1.6207035045587132e-16, 5.8252923931975193e-15
    ),
    (
      "equalRates", 3, 3.0, 3.0, -5.8591299535714234, 1.0, 4.2117893547578396, 0.11887330148743556,
      4.8168771620997465
    ),
    (
      "equalRates", 0, 0.0, 0.5, -0.079018280653293409, 0.84468780043294461, 0.87597504544625447,
      0.062257902823197535, 0.96726354913814264
    ),
    (
      "equalRates", 500, 150.0, 200.0, 74.312439869252498, 2.7796780436117742e-59,
      2.9111949764522484e-57, 2.3728253837134729e-59, 8.2863382496215551e-57
    ),
    (
      "equalRates", 1, 1.0e-6, 1.0e-6, -1.7147991480918547, 1.0, 2.2201773332012342,
      0.064826281500454552, 2.4334533333987138
    ),
    (
      "equalRates", 0, 0.0, 1.0e-6, -1.7999995140001015e-7, 0.9999996600000612, 1.05166258974051,
      0.064826259459522809, 1.1526880291696086
    ),
    (
      "unitShape", 0, 0.0, 38.86, -2.3316271930127646, 0.0093076945628953342, 0.020231446158083941,
      0.0069471329187423202, 0.053004218379218498
    ),
    (
      "unitShape", 2, 30.43, 38.86, -12.103130133454958, 0.77706196105870949, 3.0402756361157718,
      0.57998816926091352, 7.9651959870059819
    ),
    (
      "unitShape", 1, 1.71, 38.86, -4.2798853990698029, 0.003809322600990089, 0.011592059280834596,
      0.0028432250607947836, 0.030369951647806183
    ),
    (
      "unitShape", 10, 35.0, 38.0, -25.783974476959854, 0.9174052773656884, 10.135735580358218,
      0.68217315496422983, 26.438878438428232
    ),
    (
      "unitShape", 25, 11.0, 60.0, -12.863202166815232, 1.0356490818894452e-16,
      1.7827819183607539e-15, 8.2851926551155613e-17, 5.1259165327871067e-15
    ),
    (
      "unitShape", 3, 3.0, 3.0, -3.7034007622338582, 1.0, 21.360318292472262, 0.53488372093023256,
      43.514673085295924
    ),
    (
      "unitShape", 0, 0.0, 0.5, -0.29054183051897886, 0.97179697362319241, 13.9802790111035,
      0.49189723356235665, 27.74024147633284
    ),
    (
      "unitShape", 500, 150.0, 200.0, 84.308363477800061, 1.8741092479880845e-59,
      2.1548483494130197e-57, 1.7179334773224108e-59, 8.4599735967161716e-57
    ),
    (
      "unitShape", 1, 1.0e-6, 1.0e-6, -0.47000455424562493, 1.0, 22.416337180374489,
      0.50000001249999969, 44.234945279368509
    ),
    (
      "unitShape", 0, 0.0, 1.0e-6, -6.2499990625001289e-7, 0.99999994999998688, 16.011668613969526,
      0.4999999874999925, 31.596387905443332
    ),
    (
      "lopsided", 0, 0.0, 38.86, -0.020105536689765933, 0.059892762043846145, 0.008705817154682332,
      0.050736817800742586, 0.036290713907703803
    ),
    (
      "lopsided", 2, 30.43, 38.86, -12.641422862512753, 0.89617907614737721, 0.99870352107449262,
      0.75917812022160975, 4.1631547180424729
    ),
    (
      "lopsided", 1, 1.71, 38.86, -6.8599863167135451, 0.18893471687254362, 0.11900605660707742,
      0.16005183229284828, 0.49608378821609198
    ),
    (
      "lopsided", 10, 35.0, 38.0, -35.171129501815616, 0.96132057819690379, 4.8292207620960078,
      0.81187508485468746, 20.06437697920099
    ),
    (
      "lopsided", 25, 11.0, 60.0, -52.986886147213629, 2.3818312204602604e-6, 2.4887200797276211e-5,
      2.1231058832420993e-6, 0.0001108827336559126
    ),
    (
      "lopsided", 3, 3.0, 3.0, -13.681405375686224, 1.0, 1.4793037252246931, 0.44529884005073803,
      4.759555088918292
    ),
    (
      "lopsided", 0, 0.0, 0.5, -0.0016000595280616411, 0.38268497461399879, 0.030053324423837031,
      0.089921130059649674, 0.090723928614832764
    ),
    (
      "lopsided", 500, 150.0, 200.0, -53.73890409687206, 2.7484386716313238e-46,
      2.727045144628954e-44, 2.6456532533070341e-46, 1.4661706803869895e-43
    ),
    (
      "lopsided", 1, 1.0e-6, 1.0e-6, -5.1160038356740829, 1.0, 0.13787777486300975,
      0.090938066602733969, 0.40404810590841507
    ),
    (
      "lopsided", 0, 0.0, 1.0e-6, -5.9999759402242701e-9, 0.99999200011197421, 0.031817693505288369,
      0.090937339108383865, 0.093241124669725563
    ),
  ]

/// (set, t, E[X(t)], P(alive at t), P(X(t) = 0), P(X(t) = 1), P(X(t) = 2), P(X(t) = 5),
/// P(X(t) = 20)).
let paretoUnconditionalReference:
  [(String, Double, Double, Double, Double, Double, Double, Double, Double)] = [
    (
      "cdnow", 1.0, 0.050979843245990992, 0.95139426691475562, 0.95245696829314173,
      0.044359489475746305, 0.0029497339420189632, 1.2969754711706988e-6, 7.8453829092497949e-23
    ),
    (
      "cdnow", 39.0, 1.2130028442810157, 0.41072253502034305, 0.59362503160238387,
      0.16556294727717548, 0.082487184116316581, 0.021484828361821039, 0.00025783127606058556
    ),
    (
      "cdnow", 200.0, 3.3018531907269914, 0.17269274284369412, 0.52549378291372028,
      0.14212316583762664, 0.072599787752700166, 0.024359906505296467, 0.0030320153445715737
    ),
    (
      "alphaAbove", 1.0, 0.11844768209762451, 0.79441788078660919, 0.89402338478607797,
      0.094806630002670625, 0.010003704113219205, 1.1187452615602218e-5, 1.4114243010309621e-20
    ),
    (
      "alphaAbove", 39.0, 1.390436406144871, 0.12108701450517396, 0.5879063340345899,
      0.16735325909974348, 0.077666241813083292, 0.020944087034963083, 0.00063172314687650478
    ),
    (
      "alphaAbove", 200.0, 2.6462754429595481, 0.034332084553888287, 0.57897819530349414,
      0.15921721253869833, 0.070963776908913897, 0.018108219317960182, 0.0018939883485239442
    ),
    (
      "equalRates", 1.0, 0.15405003381508053, 0.73348608919392928, 0.86932166605219754,
      0.11098926095210375, 0.016596753389303455, 6.69673713745748e-5, 1.1975111963896286e-16
    ),
    (
      "equalRates", 39.0, 1.0051666591496293, 0.024795876085260038, 0.6550584653153755,
      0.16436357779084695, 0.068218448149252994, 0.013647189769406918, 0.00044628986753399283
    ),
    (
      "equalRates", 200.0, 1.1901719685919991, 0.0018124558803685801, 0.65386833740060453,
      0.16348076120282737, 0.067534299226886311, 0.013335067452432498, 0.0005642752826587914
    ),
    (
      "unitShape", 1.0, 0.60987705211790004, 0.95238095238095238, 0.58146006875645198,
      0.28134422645316002, 0.097411805307536144, 0.002067450707951664, 4.2238205397926859e-13
    ),
    (
      "unitShape", 39.0, 13.522564629396606, 0.33898305084745763, 0.09713022435727084,
      0.077047286355637, 0.064095387671769886, 0.043257553943683475, 0.015881021911801979
    ),
    (
      "unitShape", 200.0, 29.973690909979632, 0.090909090909090909, 0.096451871181028159,
      0.075521766447975533, 0.061694909123287255, 0.038591489409352301, 0.010600998064449469
    ),
    (
      "lopsided", 1.0, 0.0026067161936803716, 0.29587773273146396, 0.9974210588624169,
      0.0025515573211783807, 2.6998703788981184e-5, 9.7914104702624982e-11, 8.6439814909170192e-37
    ),
    (
      "lopsided", 39.0, 0.026699481465282756, 0.069652961498803472, 0.98006753507032318,
      0.015406351662288179, 0.0030949178567051057, 0.00011535268307724798, 1.6893027287847249e-10
    ),
    (
      "lopsided", 200.0, 0.07198883751920338, 0.036235359919621784, 0.96878355132275105,
      0.017580893389118739, 0.0055122271109520373, 0.0010703633729355255, 1.1550051172049005e-5
    ),
  ]

/// ω(s, z) = zˢ U(s, s, z) from mpmath's `hyperu`: (s, z, ω).
let paretoDiscountFactorReference: [(Double, Double, Double)] = [
  (0.05, 1e-8, 0.4106289552202319),
  (0.05, 0.001, 0.72989043433338398),
  (0.05, 0.1, 0.90511666795695246),
  (0.05, 1, 0.97083563335146664),
  (0.05, 1.999, 0.98218708889780991),
  (0.05, 2.001, 0.98220058627255846),
  (0.05, 10, 0.99544118237087928),
  (0.05, 1000, 0.99995005239270193),
  (0.5, 1e-8, 0.00017722538686287213),
  (0.5, 0.001, 0.054104656243624255),
  (0.5, 0.1, 0.40556507920419639),
  (0.5, 1, 0.75787215614131211),
  (0.5, 1.999, 0.84268501621385601),
  (0.5, 2.001, 0.84279186237489035),
  (0.5, 10, 0.95608661293027673),
  (0.5, 1000, 0.99950074813153313),
  (0.999999, 1e-8, 1.7843625285538262e-7),
  (0.999999, 0.001, 0.006337894950575453),
  (0.999999, 0.1, 0.20146449895129364),
  (0.999999, 1, 0.59634762828867589),
  (0.999999, 1.999, 0.72257343142609328),
  (0.999999, 2.001, 0.72274140305606839),
  (0.999999, 10, 0.91563341710136913),
  (0.999999, 1000, 0.99900199502089167),
  (1, 1e-8, 1.7843465267485484e-7),
  (1, 0.001, 0.006337874070325488),
  (1, 0.1, 0.20146425447084517),
  (1, 1, 0.59634736232319407),
  (1, 1.999, 0.72257322057357034),
  (1, 2.001, 0.72274119229378071),
  (1, 10, 0.91563333939788082),
  (1, 1000, 0.99900199402388071),
  (1.000001, 1e-8, 1.7843305251354979e-7),
  (1.000001, 0.001, 0.0063378531901697982),
  (1.000001, 0.1, 0.20146400999083298),
  (1.000001, 1, 0.59634709635790582),
  (1.000001, 1.999, 0.72257300972115222),
  (1.000001, 2.001, 0.72274098153159773),
  (1.000001, 10, 0.91563326169440484),
  (1.000001, 1000, 0.99900199302686977),
  (1.5, 1e-8, 1.9996455492262743e-8),
  (1.5, 0.001, 0.0018917906875127515),
  (1.5, 0.1, 0.11888698415916072),
  (1.5, 1, 0.48425568771737579),
  (1.5, 1.999, 0.62894530517700367),
  (1.5, 2.001, 0.62914696677568881),
  (1.5, 10, 0.87826774139446546),
  (1.5, 1000, 0.99850373693373975),
  (2, 1e-8, 9.9999982156534733e-9),
  (2, 0.001, 0.00099366212592967451),
  (2, 0.1, 0.079853574552915483),
  (2, 1, 0.40365263767680593),
  (2, 1.999, 0.55457613207343288),
  (2, 2.001, 0.5547948742201448),
  (2, 10, 0.84366660602119181),
  (2, 1000, 0.998005976119285),
  (2.5, 1e-8, 6.6666665333569634e-9),
  (2.5, 0.001, 0.0006654054728749915),
  (2.5, 0.1, 0.058740867722722619),
  (2.5, 1, 0.34382954152174947),
  (2.5, 1.999, 0.49449222330077977),
  (2.5, 2.001, 0.49471794632123113),
  (2.5, 10, 0.81154839070356359),
  (2.5, 1000, 0.99750871084016531),
  (7.3, 1e-8, 1.5873015843066787e-9),
  (7.3, 0.001, 0.00015870021660640006),
  (7.3, 0.1, 0.015580287425972696),
  (7.3, 1, 0.13421740834288283),
  (7.3, 1.999, 0.2337048094904762),
  (7.3, 2.001, 0.23387907465462487),
  (7.3, 10, 0.59154911858390979),
  (7.3, 1000, 0.99276003225212796),
  (39.9, 1e-8, 2.5706940867253156e-10),
  (39.9, 0.001, 2.5706262609016771e-5),
  (39.9, 0.1, 0.0025639295840077359),
  (39.9, 1, 0.0250465413647199),
  (39.9, 1.999, 0.048816852759934114),
  (39.9, 2.001, 0.048863250957104337),
  (39.9, 10, 0.20363716044698948),
  (39.9, 1000, 0.96166634309889007),
  (45, 1e-8, 2.2727272721987315e-10),
  (45, 0.001, 2.272674419863052e-5),
  (45, 0.1, 0.0022674544141631126),
  (45, 1, 0.022211016363108389),
  (45, 1.999, 0.043415622365213819),
  (45, 2.001, 0.043457132117183058),
  (45, 10, 0.18454496876629141),
  (45, 1000, 0.95697716198053401),
  (300, 1e-8, 3.3444816052389396e-11),
  (300, 0.001, 3.3444703822963232e-6),
  (300, 0.1, 0.00033433596738419173),
  (300, 1, 0.0033332961736749375),
  (300, 1.999, 0.0066410710671942895),
  (300, 2.001, 0.0066476711444788193),
  (300, 10, 0.032359060204743735),
  (300, 1000, 0.76936718188980997),
]

/// ln K(q₁, A₁, q₂, A₂; t) = ln[q₁ ∫_t^∞ (A₁ + τ)^(−q₁−1) (A₂ + τ)^(−q₂) dτ] by mpmath
/// quadrature, at arguments far outside the series' comfort zone: (q₁, A₁, q₂, A₂, t, ln K).
let paretoTailReference: [(Double, Double, Double, Double, Double, Double)] = [
  (0.3, 50, 1.4, 0.05, 0, -4.272767613202712),
  (1.4, 0.05, 0.3, 50, 0, 3.0197378922483207),
  (0.05, 1000, 0.02, 0.001, 0, -0.81779178436527504),
  (500.3, 50, 0.4, 0.05, 0.01, -1956.4692539040721),
  (0.4, 0.05, 500.3, 50, 0.01, -1957.4834686269134),
  (2, 1e6, 3, 1, 1, -42.832835034493332),
  (0.02, 1, 0.03, 1e5, 0, -0.99425966276274699),
  (0.7, 3, 0.9, 3.0000001, 2, -3.4017792441559515),
  (0.001, 1000, 10.001, 0.001, 0, 46.156951145490678),
  (30, 1, 0.03, 1e9, 0, -0.62169797510942682),
]

/// lifetimes 0.11.3 (ParetoNBDFitter) at the CDNOW parameters, side by side:
/// (x, t_x, T, ln L, P(alive), E[Y(52)]).
let paretoLifetimesReference: [(Int, Double, Double, Double, Double, Double)] = [
  (0, 0, 38.86, -0.521046294080891, 0.295286604616894, 0.136201005923905),
  (2, 30.43, 38.86, -9.55428324515041, 0.869167559153011, 1.85082672070195),
  (1, 1.71, 38.86, -4.45019433388101, 0.168002326724345, 0.217619691309134),
  (10, 35, 38, -26.9109393865483, 0.947874165089954, 8.46487052477695),
  (25, 11, 60, -25.3150635665487, 1.58975880107789e-12, 2.5106189994047e-11),
  (3, 3, 3, -7.31701528727468, 1, 7.94765449043719),
  (0, 0, 0.5, -0.0252157549128933, 0.974578940569014, 1.39032536495018),
]

func paretoModel(_ name: String) throws -> ParetoNBDModel {
  let p = try #require(paretoSets[name])
  return try ParetoNBDModel(r: p.r, alpha: p.alpha, s: p.s, beta: p.beta)
}

/// |a − b| ≤ tolerance · max(|b|, floor).
func paretoClose(
  _ a: Double, _ b: Double, _ tolerance: Double, floor: Double = 1e-300
) -> Bool {
  abs(a - b) <= tolerance * max(abs(b), floor)
}

/// Gauss–Legendre nodes and weights on [−1, 1] by Newton's method on Pₙ (test-only code).
func paretoGaussLegendre(_ n: Int) -> [(Double, Double)] {
  var result: [(Double, Double)] = []
  for i in 1...n {
    var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
    var derivative = 0.0
    for _ in 0..<100 {
      var p0 = 1.0
      var p1 = x
      for k in 2...n {
        let p2 = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
        p0 = p1
        p1 = p2
      }
      derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
      let step = p1 / derivative
      x -= step
      if abs(step) < 1e-16 { break }
    }
    result.append((x, 2 / ((1 - x * x) * derivative * derivative)))
  }
  return result
}

let paretoLegendre20 = paretoGaussLegendre(20)

/// ln L by the original construction (Schmittlein, Morrison & Colombo 1987): a client alive at
/// T contributes λˣ e^(−(λ+μ)T); one who left at τ ∈ (t_x, T] contributes λˣ e^(−λτ) μ e^(−μτ).
/// Averaging each over λ ~ Gamma(r, α), μ ~ Gamma(s, β) in closed form leaves
/// L = Γ(r+x)αʳβˢ/Γ(r) · [(α+T)^(−r−x)(β+T)^(−s) + s ∫ from t_x to T of (α+τ)^(−r−x)(β+τ)^(−s−1) dτ],
/// whose integral is done here by composite Gauss–Legendre in v = ln(c + τ), c = min(α, β).
func paretoDirectLogLikelihood(
  _ r: Double, _ alpha: Double, _ s: Double, _ beta: Double, _ x: Int, _ tx: Double,
  _ age: Double
) -> Double {
  let xd = Double(x)
  let logPrefix = lgamma(r + xd) - lgamma(r) + r * log(alpha) + s * log(beta)
  let logAlive = -(r + xd) * log(alpha + age) - s * log(beta + age)
  guard age > tx else { return logPrefix + logAlive }
  let c = min(alpha, beta)
  let lower = log(c + tx)
  let upper = log(c + age)
  let panels = 200
  let width = (upper - lower) / Double(panels)
  // Scale by the integrand's value at τ = t_x so nothing under- or overflows.
  let logScale = -(r + xd) * log(alpha + tx) - (s + 1) * log(beta + tx)
  var sum = 0.0
  for panel in 0..<panels {
    let middle = lower + (Double(panel) + 0.5) * width
    for (node, weight) in paretoLegendre20 {
      let v = middle + node * width / 2
      let tau = exp(v) - c
      let logIntegrand = -(r + xd) * log(alpha + tau) - (s + 1) * log(beta + tau) + v - logScale
      sum += weight * width / 2 * exp(logIntegrand)
    }
  }
  let logDropped = log(s) + logScale + log(sum)
  let high = max(logAlive, logDropped)
  return logPrefix + high + log(exp(logAlive - high) + exp(logDropped - high))
}

/// ln L by brute force: the individual likelihood λˣ[e^(−(λ+μ)T) + μ/(λ+μ)(e^(−(λ+μ)t_x) −
/// e^(−(λ+μ)T))] averaged over the two gamma densities by the trapezoidal rule in ln λ and ln μ
/// (spectrally accurate for these smooth, fast-decaying integrands).
func paretoMixingLogLikelihood(
  _ r: Double, _ alpha: Double, _ s: Double, _ beta: Double, _ x: Int, _ tx: Double,
  _ age: Double
) -> Double {
  func grid(shape: Double, rate: Double) -> [(value: Double, weight: Double)] {
    let centre = log(shape / rate)
    let low = centre - 40 / min(shape, 1)
    let high = centre + 5
    let h = 0.05
    var points: [(Double, Double)] = []
    var v = low
    while v <= high {
      let value = exp(v)
      let logDensity = shape * (log(rate) + v) - rate * value - lgamma(shape)
      points.append((value, h * exp(logDensity)))
      v += h
    }
    return points
  }
  let lambdas = grid(shape: r + Double(x), rate: alpha)
  let mus = grid(shape: s, rate: beta)
  // λˣ times the Gamma(r, α) density is Γ(r+x)/(Γ(r) αˣ) times the Gamma(r + x, α) density.
  let logShift = lgamma(r + Double(x)) - lgamma(r) - Double(x) * log(alpha)
  var total = 0.0
  for (lambda, wl) in lambdas {
    var inner = 0.0
    for (mu, wm) in mus {
      let rate = lambda + mu
      let alive = exp(-rate * age)
      let dropped = mu / rate * exp(-rate * tx) * -expm1(-rate * (age - tx))
      inner += wm * (alive + dropped)
    }
    total += wl * inner
  }
  return logShift + log(total)
}

/// One client simulated from the Pareto/NBD story itself (independently of the library).
struct ParetoSimulatedClient {
  var x: Int
  var recency: Double
  var aliveAtAge: Bool
  var future: Int
  var aliveAfter: Bool
}

/// λ ~ Gamma(r, α), μ ~ Gamma(s, β), lifetime ~ Exponential(μ); purchases at the events of a
/// Poisson(λ) process until the lifetime ends; observed on (0, age], then (age, age + horizon].
func paretoSimulate(
  clients: Int, r: Double, alpha: Double, s: Double, beta: Double, age: Double,
  horizon: Double, seed: UInt64
) throws -> [ParetoSimulatedClient] {
  var rng = SeededGenerator(seed: seed)
  let rates = try GammaDistribution(shape: r, rate: alpha)
  let dropouts = try GammaDistribution(shape: s, rate: beta)
  var result: [ParetoSimulatedClient] = []
  result.reserveCapacity(clients)
  for _ in 0..<clients {
    let lambda = rates.sample(using: &rng)
    let mu = dropouts.sample(using: &rng)
    let lifetime = -log(rng.nextOpenUnitDouble()) / mu
    let end = min(lifetime, age + horizon)
    var client = ParetoSimulatedClient(
      x: 0, recency: 0, aliveAtAge: lifetime > age, future: 0,
      aliveAfter: lifetime > age + horizon)
    var time = 0.0
    while lambda > 0 {
      time += -log(rng.nextOpenUnitDouble()) / lambda
      guard time < end else { break }
      if time <= age {
        client.x += 1
        client.recency = time
      } else {
        client.future += 1
      }
    }
    result.append(client)
  }
  return result
}

/// The mean of `predicted` must match the mean of `simulated` within 4.5 standard errors of
/// the simulated mean (a correct model fails one comparison with probability about 1e-5; the
/// seeds are fixed, so the outcome is deterministic). For rare events the sample variance can
/// be 0 (nothing happened), so it is floored at p̄(1 − p̄), the variance of an indicator with
/// the predicted mean p̄.
func paretoExpectAgreement(
  _ predicted: [Double], _ simulated: [Double], _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let n = Double(simulated.count)
  guard n > 50 else { return }
  let mean = simulated.reduce(0, +) / n
  let predictedMean = predicted.reduce(0, +) / n
  let sampleVariance = simulated.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  let variance = max(sampleVariance, predictedMean * (1 - min(predictedMean, 1)))
  let error = (variance / n).squareRoot()
  #expect(
    abs(predictedMean - mean) <= 4.5 * error + 1e-9,
    "\(label): predicted \(predictedMean), simulated \(mean) ± \(error) (n = \(Int(n)))",
    sourceLocation: sourceLocation)
}
