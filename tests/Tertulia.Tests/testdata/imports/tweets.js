window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1631234567890123456"
          ],
          "editableUntil" : "2023-03-02T10:11:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "63"
      ],
      "favorite_count" : "2",
      "id_str" : "1631234567890123456",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1631234567890123456",
      "created_at" : "Thu Mar 02 08:30:00 +0000 2023",
      "favorited" : false,
      "full_text" : "Hoy estrenamos roscón de masa madre 🥐 ¡Reservas por DM! #Madrid",
      "lang" : "es"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1631234567890123457"
          ],
          "editableUntil" : "2023-03-02T10:11:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "martagil",
            "screen_name" : "martagil",
            "indices" : [
              "0",
              "9"
            ],
            "id_str" : "1",
            "id" : "1"
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "64"
      ],
      "favorite_count" : "2",
      "id_str" : "1631234567890123457",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1631234567890123457",
      "created_at" : "Thu Mar 02 09:12:45 +0000 2023",
      "favorited" : false,
      "full_text" : "@martagil ¡Gracias, Marta! Te guardamos uno de nata &amp; trufa.",
      "lang" : "es",
      "in_reply_to_status_id_str" : "1631234567890123456",
      "in_reply_to_status_id" : "1631234567890123456",
      "in_reply_to_user_id_str" : "98765",
      "in_reply_to_screen_name" : "martagil"
    }
  },
  {
    "tweet" : {
      "id_str" : "1631234567890123458",
      "created_at" : "Thu Mar 02 10:00:00 +0000 2023",
      "lang" : "es",
      "retweeted" : false
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1631234567890123459"
          ],
          "editableUntil" : "2023-03-02T10:11:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "59"
      ],
      "favorite_count" : "2",
      "id_str" : "1631234567890123459",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1631234567890123459",
      "created_at" : "Fri Mar 03 18:05:10 +0000 2023",
      "favorited" : false,
      "full_text" : "Cerrado por inventario el lunes 6. ¡Perdonad las molestias!",
      "lang" : "es"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1631234567890123460"
          ],
          "editableUntil" : "2023-03-02T10:11:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "35"
      ],
      "favorite_count" : "2",
      "id_str" : "1631234567890123460",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1631234567890123460",
      "created_at" : "no es una fecha",
      "favorited" : false,
      "full_text" : "Horario de verano: de 8:00 a 15:00.",
      "lang" : "es"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1631234567890123461"
          ],
          "editableUntil" : "2023-03-02T10:11:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "54"
      ],
      "favorite_count" : "2",
      "id_str" : "1631234567890123461",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1631234567890123461",
      "created_at" : "Sat Mar 04 11:00:00 +0000 2023",
      "favorited" : false,
      "full_text" : "We also speak English: ask us about gluten-free bread!",
      "lang" : "en"
    }
  }
]
