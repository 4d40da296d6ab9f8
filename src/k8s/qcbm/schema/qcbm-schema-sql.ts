import { REGION_DEFAULTS } from '../../../model/cloud-schema';

/**
 * QCBM's database, tables and seed rows (facts from the upstream DDL, qcbm-backend/db/qcbm-ddl.sql; SQL written
 * here). Unlike the upstream script it can run any number of times: it creates only what is missing and never
 * changes a row that exists. It is plain SQL that MySQL 5.7, MySQL 8.0 and MariaDB 10.11 all accept: indexes
 * are declared inside `CREATE TABLE IF NOT EXISTS` (MySQL has no `CREATE INDEX IF NOT EXISTS`), and every
 * TIMESTAMP column states its default (MySQL 5.7 would otherwise make the first one `ON UPDATE`).
 */

/** The database the services connect to (`jdbc:mysql://${MYSQL_HOST}:${MYSQL_PORT}/qcbm`). */
export const QCBM_DATABASE = REGION_DEFAULTS.mysql.databaseName;

export interface SeedBook {
  readonly isbn: number;
  readonly title: string;
  readonly author: string;
  readonly press: string;
  /** YYYY-MM-DD. */
  readonly publishDate: string;
  /** As written in the upstream seed (a FLOAT column). */
  readonly price: string;
  /** Written for this library: the upstream text is not copied. */
  readonly briefIntro: string;
}

export interface SeedUser {
  readonly name: string;
  readonly password: string;
  readonly role: 'ADMIN' | 'USER';
}

/** The 12 books of the upstream seed; `img_url` stays NULL (the front ships covers under public/books/<isbn>/). */
export const QCBM_SEED_BOOKS: readonly SeedBook[] = [
  {
    isbn: 9787121349959,
    title: 'Kubernetes in Action 中文版',
    author: '[美] Marko Luksa（马尔科卢克沙）',
    press: '电子工业出版社',
    publishDate: '2018-12-01',
    price: '71.80',
    briefIntro:
      '从容器与 Pod 讲起，逐步深入 Kubernetes 的调度、网络、存储与控制器，用大量示例讲解如何在集群中部署和运维应用。',
  },
  {
    isbn: 9787121362354,
    title: 'Kubernetes 权威指南：从Docker到Kubernetes实践全接触（第4版）',
    author: '龚正，吴治辉，崔秀龙，闫健勇 著',
    press: '电子工业出版社',
    publishDate: '2019-06-01',
    price: '84',
    briefIntro:
      '全面介绍 Kubernetes 的核心概念、架构与实践，覆盖集群安装、资源对象、网络与存储、安全机制和运维管理。',
  },
  {
    isbn: 9787111608523,
    title: 'Docker技术入门与实战（第3版）',
    author: '杨保华，戴王剑，曹亚仑 著',
    press: '机械工业出版社',
    publishDate: '2018-09-01',
    price: '69',
    briefIntro:
      '面向初学者的 Docker 实用指南：镜像、容器、仓库、数据管理与网络配置，以及 Compose 等编排工具的用法。',
  },
  {
    isbn: 9787121303067,
    title: 'Docker in Action 中文版',
    author: '[美] Jeff Nickoloff（杰夫·尼克罗夫） 著，胡震 译',
    press: '电子工业出版社',
    publishDate: '2016-11-01',
    price: '37.8',
    briefIntro:
      '通过实例讲解 Docker 的隔离机制、镜像构建、存储卷与网络，帮助读者用容器打包、分发和运行软件。',
  },
  {
    isbn: 9787115402844,
    title: 'Redis 实战',
    author: '[美] 约西亚 L.卡尔森（Josiah，L.，Carlson） 著，黄健宏 译',
    press: '人民邮电出版社',
    publishDate: '2015-11-01',
    price: '57.8',
    briefIntro:
      '以实际案例介绍 Redis 的数据结构与常用命令，讲解缓存、计数器、排行榜和分布式锁等场景的实现方法。',
  },
  {
    isbn: 9787121198854,
    title: '高性能MySQL（第3版）',
    author: 'Baron Schwartz，Peter Zaitsev，Vadim Tkachenko 著',
    press: '电子工业出版社',
    publishDate: '2013-04-01',
    price: '62.7',
    briefIntro: '深入剖析 MySQL 的架构、索引、查询优化、复制与高可用，给出数据库性能调优的系统方法。',
  },
  {
    isbn: 9787508353944,
    title: "O'Reilly：深入理解LINUX内核（第3版）",
    author: '[美] 博韦，西斯特 著，陈莉君，张琼声，张宏伟 译',
    press: '电子工业出版社',
    publishDate: '2018-01-01',
    price: '49',
    briefIntro:
      '系统讲解 Linux 内核的内存管理、进程调度、中断处理、文件系统与设备驱动等核心机制是如何实现的。',
  },
  {
    isbn: 9787115516756,
    title: 'UNIX环境高级编程 第3版',
    author: '[美] 理查德·史蒂文斯 史蒂芬 拉戈 著，戚正伟，张亚英，尤晋元 译',
    press: '人民邮电出版社',
    publishDate: '2019-10-01',
    price: '116.7',
    briefIntro: 'UNIX 系统编程的经典之作，详述文件 I/O、进程控制、信号、线程、进程间通信与网络编程接口。',
  },
  {
    isbn: 9787115469380,
    title: 'Kafka技术内幕',
    author: '郑奇煌 著',
    press: '人民邮电出版社',
    publishDate: '2017-11-01',
    price: '89.6',
    briefIntro: '从源码层面解析 Kafka 的生产者、消费者、协调者与存储设计，揭示其高吞吐与高可用背后的原理。',
  },
  {
    isbn: 9787115551382,
    title: 'React全家桶 前端开发与实例详解',
    author: '[美] 安东尼·阿科马佐（Anthony Accomazzo） 著，欧阳奖 译',
    press: '人民邮电出版社',
    publishDate: '2021-01-01',
    price: '116.70',
    briefIntro:
      '从组件、状态与 JSX 入手，结合 Redux、路由与 GraphQL 等生态工具，完整讲解 React 前端应用的开发。',
  },
  {
    isbn: 9787115335500,
    title: '深入浅出Node.js',
    author: '朴灵 著',
    press: '人民邮电出版社',
    publishDate: '2013-12-01',
    price: '54.50',
    briefIntro:
      '剖析 Node.js 的模块机制、异步 I/O、事件驱动与内存控制，帮助开发者理解其设计并写出可靠的服务端程序。',
  },
  {
    isbn: 9787121215186,
    title: 'Nginx高性能Web服务器详解',
    author: '苗泽 著',
    press: '电子工业出版社',
    publishDate: '2013-10-01',
    price: '28.90',
    briefIntro: '讲解 Nginx 的安装配置、模块、反向代理、负载均衡与缓存，并结合源码分析它的高性能架构。',
  },
];

/** The upstream seed accounts (the gateway compares the password in clear, as upstream does). */
export const QCBM_SEED_USERS: readonly SeedUser[] = [
  { name: 'admin', password: 'admin', role: 'ADMIN' },
  { name: 'guest', password: 'guest', role: 'USER' },
  { name: 'qcbm', password: 'qcbm', role: 'USER' },
];

/** A SQL string literal that means the same whatever the sql_mode (NO_BACKSLASH_ESCAPES included). */
export function sqlString(value: string): string {
  if (/[\\\0]/.test(value)) throw new Error(`sqlString: backslash or NUL in ${JSON.stringify(value)}`);
  return `'${value.replace(/'/g, "''")}'`;
}

const TABLES = `CREATE TABLE IF NOT EXISTS userinfo (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(20) NOT NULL,
  password VARCHAR(20) DEFAULT NULL,
  role VARCHAR(6) NOT NULL DEFAULT 'USER',
  valid BOOL NOT NULL DEFAULT TRUE,
  create_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_userinfo_name_role (name, role)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS bookinfo (
  id BIGINT NOT NULL AUTO_INCREMENT,
  isbn BIGINT NOT NULL,
  title VARCHAR(100) NOT NULL,
  author VARCHAR(50) NOT NULL,
  press VARCHAR(50) NOT NULL,
  publish_date DATE NOT NULL,
  price FLOAT DEFAULT NULL,
  brief_intro VARCHAR(500) NOT NULL,
  img_url VARCHAR(500) DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_bookinfo_isbn (isbn),
  KEY idx_bookinfo_title (title(10))
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS orders (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  user_name VARCHAR(20) NOT NULL,
  isbn BIGINT NOT NULL,
  book_title VARCHAR(50) NOT NULL,
  author VARCHAR(50) NOT NULL,
  price FLOAT DEFAULT NULL,
  purchase_date TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_orders_user_isbn (user_id, isbn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE IF NOT EXISTS favorites (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  isbn BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY idx_favorites_user_isbn (user_id, isbn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;`;

// INSERT ... SELECT ... WHERE NOT EXISTS rather than INSERT IGNORE: IGNORE would also turn a value too long for its
// column into a silent truncation, and InnoDB spends an AUTO_INCREMENT value on every row it ignores.
function insertBook(b: SeedBook): string {
  const values = [
    String(b.isbn),
    sqlString(b.title),
    sqlString(b.author),
    sqlString(b.press),
    sqlString(b.publishDate),
    b.price,
    sqlString(b.briefIntro),
  ];
  return `INSERT INTO bookinfo (isbn, title, author, press, publish_date, price, brief_intro)
SELECT ${values.join(', ')} FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM bookinfo WHERE isbn = ${b.isbn});`;
}

// userinfo has no unique key (the upstream schema), so the row's name is what makes it present.
function insertUser(u: SeedUser): string {
  const values = [sqlString(u.name), sqlString(u.password), sqlString(u.role)];
  return `INSERT INTO userinfo (name, password, role, valid)
SELECT ${values.join(', ')}, TRUE FROM DUAL
WHERE NOT EXISTS (SELECT 1 FROM userinfo WHERE name = ${sqlString(u.name)});`;
}

/** The whole script, as the schema Job's ConfigMap carries it. */
export function qcbmSchemaSql(): string {
  return (schemaSql ??= buildSchemaSql());
}

let schemaSql: string | undefined;

function buildSchemaSql(): string {
  return [
    '-- QCBM schema and seed rows (@qcbm/fleet). Safe to run again: it creates only what is missing.',
    '-- One run at a time: a second run waits here (up to 10 minutes) rather than racing the first for the same rows.',
    "DO GET_LOCK('qcbm.schema-init', 600);",
    `CREATE DATABASE IF NOT EXISTS ${QCBM_DATABASE} DEFAULT CHARACTER SET utf8;`,
    `USE ${QCBM_DATABASE};`,
    '',
    TABLES,
    '',
    'START TRANSACTION;',
    ...QCBM_SEED_USERS.map(insertUser),
    ...QCBM_SEED_BOOKS.map(insertBook),
    'COMMIT;',
    "DO RELEASE_LOCK('qcbm.schema-init');",
    '',
  ].join('\n');
}
